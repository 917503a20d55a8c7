"""Deterministic synthetic news corpus with planted duplicates and exact gold pairs.

Real corpora with complete duplicate labels are rare, and none has a million articles, so the
dedup benchmark writes its own: *base* articles of random sentences over an invented vocabulary
(Zipf-distributed words, capitalised names, numbers), each followed by a few planted relatives:

- **exact** copies (same text, another outlet and id);
- **near** copies: some words replaced and perhaps a sentence dropped, aiming at a word-5-shingle
  Jaccard between about 0.6 and 0.95;
- **containments**: the base plus one to three added paragraphs.

A family (a base and its relatives) is generated, written and forgotten before the next, so a
million articles stream in constant memory. Within each family every pair is scored by the exact
Jaccard of its word 5-shingle sets (tokens from :func:`storyfuse.text.words`, as storyfuse
fingerprints them) and written to the gold file when it reaches the threshold. Pairs across
families are not scored: random text over a 20,000-word vocabulary shares no 5-word run by chance
in practice, which the benchmark's exact verification confirms (no cross-family pair is found).

Usage::

    python benchmarks/synthetic.py --docs 20000 --out corpus.jsonl   # gold: corpus.gold.tsv
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from storyfuse.text import words

__all__ = [
    "CorpusOptions",
    "GoldPair",
    "SyntheticDoc",
    "gold_path_for",
    "shingle_jaccard",
    "synthetic_families",
    "write_corpus",
]

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
_SYLLABLES += [c + v + "r" for c in "bcdgmt" for v in "aeo"]
_OUTLETS = 40


@dataclass(slots=True)
class CorpusOptions:
    """Shape of the synthetic corpus.

    Args:
        docs: number of articles written (bases and relatives together).
        seed: every byte of output is a function of the options, this seed included.
        threshold: minimum Jaccard of a gold pair.
        vocabulary: distinct common words; names are a further tenth of that.
        duplicate_rate: share of bases that get relatives (one to three of them).
        shingle_size: words per shingle in the gold Jaccard.

    >>> CorpusOptions(docs=10).threshold
    0.5
    """

    docs: int = 20_000
    seed: int = 7
    threshold: float = 0.5
    vocabulary: int = 20_000
    duplicate_rate: float = 0.3
    shingle_size: int = 5


@dataclass(slots=True)
class SyntheticDoc:
    """One article as written to the JSONL corpus."""

    id: str
    title: str
    date: str
    outlet: str
    paragraphs: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "title": self.title,
                "date": self.date,
                "outlet": self.outlet,
                "text": "\n\n".join(self.paragraphs),
            },
            ensure_ascii=False,
        )


@dataclass(slots=True, frozen=True)
class GoldPair:
    """Two article ids (``a`` written first), ``exact`` (equal text) or ``near``, and their Jaccard."""

    a: str
    b: str
    kind: str
    jaccard: float


def shingle_jaccard(first: str, second: str, size: int = 5) -> float:
    """Exact Jaccard of the word ``size``-shingle sets of two texts.

    >>> shingle_jaccard("a b c d e f", "a b c d e g", size=5)
    0.3333333333333333
    """
    a, b = _shingles(first, size), _shingles(second, size)
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def _shingles(text: str, size: int) -> set[str]:
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class _Writer:
    """Random article text from a seeded generator (the only source of randomness)."""

    def __init__(self, options: CorpusOptions) -> None:
        self.rng = random.Random(options.seed)
        self.words = self._invent(options.vocabulary, capitalise=False)
        self.names = self._invent(max(1, options.vocabulary // 10), capitalise=True)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))

    def _invent(self, count: int, *, capitalise: bool) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        while len(out) < count:
            word = "".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(1, 4)))
            if word not in seen:
                seen.add(word)
                out.append(word.capitalize() if capitalise else word)
        return out

    def sentence(self) -> str:
        rng = self.rng
        tokens = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(8, 24))
        for _ in range(rng.randint(0, 2)):
            tokens[rng.randrange(len(tokens))] = rng.choice(self.names)
        if rng.random() < 0.3:
            tokens[rng.randrange(len(tokens))] = str(rng.randint(2, 5000))
        return tokens[0].capitalize() + " " + " ".join(tokens[1:]) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def date(self) -> str:
        return f"2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def outlet(self) -> str:
        return f"outlet{self.rng.randrange(_OUTLETS):02d}.example"

    def near_copy(self, paragraphs: Sequence[str]) -> list[str]:
        """Replace a share of words and maybe drop one sentence: an edited wire copy."""
        rng = self.rng
        edit_rate = rng.uniform(0.005, 0.06)
        sentences = [p.split(". ") for p in paragraphs]
        if rng.random() < 0.5:
            index = rng.randrange(len(sentences))
            if len(sentences[index]) > 1:
                del sentences[index][rng.randrange(len(sentences[index]))]
        out: list[str] = []
        for parts in sentences:
            text = ". ".join(parts)
            tokens = text.split(" ")
            for i in range(len(tokens)):
                if rng.random() < edit_rate:
                    ending = "." if tokens[i].endswith(".") else ""
                    tokens[i] = rng.choice(self.words) + ending
            out.append(" ".join(tokens))
        return out


def synthetic_families(
    options: CorpusOptions,
) -> Iterator[tuple[list[tuple[SyntheticDoc, str]], list[GoldPair]]]:
    """Families of (article, kind) with their gold pairs, ``options.docs`` articles in all.

    The last family is cut short if the article budget ends inside it.
    """
    writer = _Writer(options)
    rng = writer.rng
    written = 0
    family_index = 0
    while written < options.docs:
        family_index += 1
        base_paragraphs = [writer.paragraph() for _ in range(rng.randint(3, 8))]
        title = " ".join(base_paragraphs[0].split(" ")[: rng.randint(5, 9)]).rstrip(".")
        members: list[tuple[list[str], str]] = [(base_paragraphs, "base")]
        if rng.random() < options.duplicate_rate:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(("exact", "near", "near", "containment"))
                if kind == "exact":
                    paragraphs = list(base_paragraphs)
                elif kind == "near":
                    paragraphs = writer.near_copy(base_paragraphs)
                else:
                    extra = [writer.paragraph() for _ in range(rng.randint(1, 3))]
                    paragraphs = base_paragraphs + extra
                members.append((paragraphs, kind))
        members = members[: options.docs - written]
        docs = [
            (SyntheticDoc(f"s{written + k:08d}", title, writer.date(), writer.outlet(), paragraphs), kind)
            for k, (paragraphs, kind) in enumerate(members)
        ]
        written += len(docs)
        yield docs, _gold_pairs(docs, options)


def _gold_pairs(docs: Sequence[tuple[SyntheticDoc, str]], options: CorpusOptions) -> list[GoldPair]:
    shingles = [_shingles("\n\n".join(doc.paragraphs), options.shingle_size) for doc, _ in docs]
    pairs: list[GoldPair] = []
    for (i, (first, _)), (j, (second, _)) in itertools.combinations(enumerate(docs), 2):
        union = len(shingles[i] | shingles[j])
        jaccard = len(shingles[i] & shingles[j]) / union if union else 1.0
        if jaccard >= options.threshold:
            kind = "exact" if first.paragraphs == second.paragraphs else "near"
            pairs.append(GoldPair(first.id, second.id, kind, jaccard))
    return pairs


def write_corpus(options: CorpusOptions, corpus: TextIO, gold: TextIO) -> tuple[int, int]:
    """Stream the corpus as JSONL and the gold pairs as TSV (``a b kind jaccard``); returns counts."""
    doc_count = pair_count = 0
    gold.write("a\tb\tkind\tjaccard\n")
    for docs, pairs in synthetic_families(options):
        for doc, _ in docs:
            corpus.write(doc.to_json() + "\n")
        for pair in pairs:
            gold.write(f"{pair.a}\t{pair.b}\t{pair.kind}\t{pair.jaccard:.6f}\n")
        doc_count += len(docs)
        pair_count += len(pairs)
    return doc_count, pair_count


def gold_path_for(corpus: Path) -> Path:
    """Where the gold pairs of ``corpus`` live: ``x.jsonl`` -> ``x.gold.tsv``."""
    return corpus.with_suffix(".gold.tsv")


def main(argv: Sequence[str] | None = None) -> None:
    defaults = CorpusOptions()
    parser = argparse.ArgumentParser(description="Write a synthetic news corpus with planted duplicates.")
    parser.add_argument("--docs", type=int, default=defaults.docs)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--threshold", type=float, default=defaults.threshold)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    options = CorpusOptions(docs=args.docs, seed=args.seed, threshold=args.threshold)
    with (
        args.out.open("w", encoding="utf-8") as corpus,
        gold_path_for(args.out).open("w", encoding="utf-8") as gold,
    ):
        docs, pairs = write_corpus(options, corpus, gold)
    print(f"wrote {docs} articles to {args.out} and {pairs} gold pairs to {gold_path_for(args.out)}")


if __name__ == "__main__":
    main()
