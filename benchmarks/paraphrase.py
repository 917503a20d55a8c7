"""Sentence alignment as a paraphrase classifier on MRPC (train split), cross-validated.

Usage: python benchmarks/paraphrase.py [path/to/mrpc/train.tsv] [--embeddings]

storyfuse groups sentences of different outlets into claims with one lexical similarity
(``storyfuse.align.sentence_similarity``) and one threshold. Here that similarity is scored on
the Microsoft Research Paraphrase Corpus: the threshold is chosen on four folds and applied to the
fifth, and the held-out decisions of all five folds are pooled into one F1. The always-yes
baseline is printed beside it. With ``--embeddings`` (the optional extra installed) the score
ALIGN uses with ``use_embeddings`` is measured too: the mean of the lexical similarity and the
sentence-embedding cosine.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storyfuse.align import find_compounds, sentence_similarity, sentence_terms, term_idf

MRPC = Path(__file__).resolve().parents[2] / "shared" / "data" / "paraphrase" / "mrpc" / "train.tsv"


def load_pairs(path: Path) -> tuple[list[tuple[str, str]], npt.NDArray[np.int_]]:
    """Sentence pairs and labels (1 = paraphrase) of an MRPC file (tab separated, no header)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if len(row) == 5]
    rows = [row for row in rows if row[0] in {"0", "1"}]
    return [(row[3], row[4]) for row in rows], np.array([int(row[0]) for row in rows])


def similarity_scores(pairs: list[tuple[str, str]]) -> npt.NDArray[np.float64]:
    """storyfuse's similarity of each pair, with term weights learnt from all the sentences."""
    texts = [text for pair in pairs for text in pair]
    compounds = find_compounds(texts)
    idf = term_idf([sentence_terms(text, compounds) for text in texts])
    return np.array([sentence_similarity(a, b, idf) for a, b in pairs])


def embedding_scores(
    pairs: list[tuple[str, str]], lexical: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The mean of the lexical similarity and the embedding cosine, as ALIGN combines them."""
    from storyfuse.embeddings import embed  # optional extra: imported only when asked for

    first, second = embed([a for a, _ in pairs]), embed([b for _, b in pairs])
    cosine = np.asarray((first * second).sum(axis=1), dtype=np.float64)
    return (lexical + cosine) / 2


def cross_validated_f1(
    scores: npt.NDArray[np.float64], labels: npt.NDArray[np.int_], folds: int = 5
) -> tuple[float, list[float]]:
    """Pooled held-out F1, each fold judged at the threshold that maximises F1 on the others."""
    order = np.random.default_rng(0).permutation(len(scores))
    parts = np.array_split(order, folds)
    true_pos = false_pos = false_neg = 0
    thresholds = []
    for k in range(folds):
        train = np.concatenate([parts[j] for j in range(folds) if j != k])
        candidates = np.unique(np.round(scores[train], 3))
        predicted = scores[train][None, :] >= candidates[:, None]
        hits = (predicted & (labels[train] == 1)).sum(axis=1)
        f1 = 2 * hits / (predicted.sum(axis=1) + labels[train].sum())
        threshold = float(candidates[int(np.argmax(f1))])
        thresholds.append(threshold)
        test_predicted = scores[parts[k]] >= threshold
        test_labels = labels[parts[k]] == 1
        true_pos += int((test_predicted & test_labels).sum())
        false_pos += int((test_predicted & ~test_labels).sum())
        false_neg += int((~test_predicted & test_labels).sum())
    return 2 * true_pos / (2 * true_pos + false_pos + false_neg), thresholds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mrpc", nargs="?", type=Path, default=MRPC)
    parser.add_argument("--embeddings", action="store_true", help="also score with the embedding extra")
    args = parser.parse_args()
    start = time.perf_counter()
    pairs, labels = load_pairs(args.mrpc)
    scores = similarity_scores(pairs)
    seconds = time.perf_counter() - start
    f1, thresholds = cross_validated_f1(scores, labels)
    always_yes = 2 * labels.sum() / (len(labels) + labels.sum())
    print(f"MRPC train: {len(pairs)} pairs, {labels.mean():.1%} paraphrases; scored in {seconds:.1f} s")
    print("| system | F1 (5-fold, pooled) | thresholds |")
    print("|---|---:|---|")
    chosen = ", ".join(f"{t:.3f}" for t in thresholds)
    print(f"| storyfuse lexical similarity (no model) | {f1:.3f} | {chosen} |")
    if args.embeddings:
        start = time.perf_counter()
        combined = embedding_scores(pairs, scores)
        f1, thresholds = cross_validated_f1(combined, labels)
        chosen = ", ".join(f"{t:.3f}" for t in thresholds)
        label = f"storyfuse lexical + MiniLM int8 embeddings ({time.perf_counter() - start:.0f} s)"
        print(f"| {label} | {f1:.3f} | {chosen} |")
    print(f"| always yes | {always_yes:.3f} | |")


if __name__ == "__main__":
    main()
