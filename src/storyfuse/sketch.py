"""Batch sketches of many texts at once: word tokens, shingles, MinHash signatures, LSH band keys.

Near-duplicate search over a corpus does the same small steps for every article, so here each
step runs once over a whole batch with numpy instead of once per article in Python:

1. **tokens** — the batch's folded texts are concatenated into one byte buffer, every byte is
   classed (word character, joiner ``' - .``, other) by comparisons, and tokens are the runs of
   word characters joined by single joiners: exactly the tokens of :func:`storyfuse.text.words`
   (non-ASCII word characters are kept, other non-ASCII characters become spaces, see
   :func:`_encode`);
2. **token hashes** — each token's bytes read eight at a time as little-endian integers from
   an unaligned ``uint64`` view of the buffer (the last chunk masked to the token), the chunks
   combined with random odd multipliers and finished with the splitmix64 mixer: one gather per
   eight bytes instead of arithmetic on every byte;
3. **shingles** — word *k*-gram hashes ``mix(t1*m1 + ... + tk*mk)`` over all windows of the batch
   at once, windows crossing two texts dropped; a text shorter than *k* words is one shingle;
   each text's shingles are sorted and made distinct in place;
4. **one-permutation MinHash** (Li, Owen & Zhang 2012) with optimal densification (Shrivastava
   2017): a shingle hash's high bits pick one of ``num_perm`` bins (a multiply-shift, monotone in
   the hash, so a sorted shingle array is sorted by bin) and each bin keeps its smallest hash;
   an empty bin copies the bin its own fixed probe sequence reaches first. Two texts agree in a
   bin with probability equal to their Jaccard similarity, as with ``num_perm`` independent
   permutations, but the cost is one pass over the shingles instead of ``num_perm``;
5. **band keys** — each band's rows mixed into one 64-bit key, seeded by the band number.

Every result depends only on its own text and the options' seed, never on the batch it was
computed in, so batches may be of any size and may be computed in parallel.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice

import numpy as np
import numpy.typing as npt

from storyfuse.text import _PUNCT_MAP

__all__ = [
    "SketchBatch",
    "band_key_matrix",
    "bucket_pairs",
    "mix64",
    "one_permutation_minhash",
    "sketch_stream",
    "sketch_texts",
    "token_hashes",
]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

EMPTY_SIGNATURE_VALUE = np.uint64(np.iinfo(np.uint64).max)
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: the polynomial base of body hashes
_CHUNK_KEY = np.uint64(0xD6E8FEB86659FD93)
_BODY_KEY = np.uint64(0xA0761D6478BD642F)
_PROBE_KEY = np.uint64(0xE7037ED1A0B428DB)
_ROW_KEY = np.uint64(0x8EBC6AF09C88C6E3)
_APOSTROPHE, _HYPHEN = np.uint8(ord("'")), np.uint8(ord("-"))  # joiners inside a token, with "."
_BATCH = 1_000  # texts per batch: big enough to amortise numpy calls, small enough for the cache
_POWERS = 1 << 16  # tokens per text that the cached power table covers (512 KiB)


def _word_bytes(buffer: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Which bytes of an :func:`_encode` buffer are word characters: ``a-z``, ``0-9`` and every
    non-ASCII byte (the buffer is lower-cased, and :func:`_encode` leaves no non-ASCII character
    that is not a word character). A range test is one wrapping subtraction and one comparison."""
    word = np.subtract(buffer, np.uint8(ord("a"))) < 26
    word |= np.subtract(buffer, np.uint8(ord("0"))) < 10
    word |= buffer >= 0x80
    return word


def mix64(values: U64) -> U64:
    """The splitmix64 finaliser, in place: a bijection of 64-bit integers whose output bits each
    depend on every input bit."""
    values ^= values >> np.uint64(30)
    values *= np.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> np.uint64(27)
    values *= np.uint64(0x94D049BB133111EB)
    values ^= values >> np.uint64(31)
    return values


def _power_table(length: int) -> U64:
    """``_BASE ** k`` (mod 2**64) for ``k < length``."""
    base = np.full(length, _BASE, dtype=np.uint64)
    base[0] = 1
    table = np.cumprod(base)
    table.flags.writeable = False
    return table


_cached_powers = lru_cache(maxsize=1)(_power_table)


def _powers(length: int) -> U64:
    """Powers of the base for at least ``length`` positions: the one cached table, or an uncached
    one for a text of more tokens."""
    return _cached_powers(_POWERS) if length <= _POWERS else _power_table(length)


def _encode(text: str) -> bytes:
    """``fold(text)`` as bytes that the byte classes split exactly as :func:`words` splits it.

    Equal to :func:`storyfuse.text.fold` step by step, but the per-character work is done only
    on non-ASCII characters (punctuation is mapped to ASCII), and after Unicode decomposition
    only on those still non-ASCII (usually none): combining
    marks are dropped, and a non-ASCII character that is no word character becomes a space
    (every non-ASCII byte is classed as a word byte).
    """
    if text.isascii():
        return text.lower().encode("ascii")
    mapped = unicodedata.normalize("NFKD", _NON_ASCII.sub(_punctuation, text))
    if mapped.isascii():
        return mapped.lower().encode("ascii")
    folded = _NON_ASCII.sub(_without_combining, mapped).lower()
    return _NON_ASCII.sub(_word_or_space, folded).encode()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _punctuation(match: re.Match[str]) -> str:
    """``str.translate(_PUNCT_MAP)`` of one character (much faster than translating the text)."""
    mapped = _PUNCT_MAP.get(ord(match.group()), match.group())
    return mapped if isinstance(mapped, str) else ""


def _without_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def _word_or_space(match: re.Match[str]) -> str:
    return match.group() if _WORD_CHARACTER.match(match.group()) else " "


def token_hashes(texts: Sequence[str]) -> tuple[U64, I64]:
    """64-bit hashes of every word token of every text, and each text's token offsets.

    Text ``i``'s tokens hash to ``hashes[bounds[i]:bounds[i + 1]]``, in order; equal tokens hash
    equally in any text and batch.

    >>> hashes, bounds = token_hashes(["The mill, the MILL.", "", "mill"])
    >>> bounds.tolist(), bool(hashes[1] == hashes[3] == hashes[4]), bool(hashes[0] == hashes[2])
    ([0, 4, 4, 5], True, True)
    """
    data, lengths = _encode_batch(texts)
    buffer = np.frombuffer(data, dtype=np.uint8)
    word = _word_bytes(buffer)
    inside = word.copy()
    # A joiner belongs to a token only between two word characters.
    joiner = np.subtract(buffer[1:-1], _HYPHEN) < 2  # "-" or "." (adjacent codes)
    joiner |= buffer[1:-1] == _APOSTROPHE
    joiner &= word[:-2]
    joiner &= word[2:]
    inside[1:-1] |= joiner
    edge = np.empty(inside.size, dtype=bool)
    edge[0] = inside[0]
    np.not_equal(inside[1:], inside[:-1], out=edge[1:])
    starts, ends = np.flatnonzero(edge).reshape(-1, 2).T  # tokens end before a non-token byte
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    bounds[1:] = np.searchsorted(starts, np.cumsum(lengths + 1) - 1)  # the separator after each text
    return mix64(_chunk_sums(data, starts, ends - starts)), bounds


def _encode_batch(texts: Sequence[str]) -> tuple[bytes, I64]:
    """The texts' :func:`_encode` bytes, each followed by a newline, and each one's length.

    An all-ASCII batch is lower-cased and encoded in one call (lower-casing ASCII keeps lengths).
    """
    joined = "\n".join(texts)
    if joined.isascii():
        return (joined.lower() + "\n").encode("ascii"), _lengths(texts)
    encoded = [_encode(text) for text in texts]
    return b"\n".join(encoded) + b"\n", _lengths(encoded)


def _lengths(items: Sequence[str] | Sequence[bytes]) -> I64:
    return np.fromiter(map(len, items), dtype=np.int64, count=len(items))


def _chunk_sums(data: bytes, starts: I64, lengths: I64) -> U64:
    """``sum(c_k * m_k)`` (mod 2**64) over each token's 8-byte chunks ``c_k`` (little-endian, the
    last one zero-padded), with ``m_0 = 1`` and random odd ``m_k``.

    No token byte is zero, so the chunks determine the token: a token of up to 8 bytes maps to
    its own chunk one to one, and longer ones collide only by chance (about 2**-64 per pair).
    """
    padded = np.frombuffer(data + bytes(8), dtype=np.uint8)
    # Element p is the 8 bytes from position p: an unaligned view, no copy.
    chunks = np.ndarray((len(data),), dtype="<u8", buffer=padded, strides=(1,))
    sums = chunks[starts] & _TAIL_MASKS[np.minimum(lengths, 8)]
    long = np.flatnonzero(lengths > 8)
    if long.size:  # the further chunks of tokens longer than 8 bytes, all at once
        counts = (lengths[long] - 1) // 8
        offsets = np.zeros(long.size, dtype=np.int64)
        np.cumsum(counts[:-1], out=offsets[1:])
        chunk = np.arange(counts.sum(), dtype=np.int64) - np.repeat(offsets - 1, counts)  # 1, 2, ...
        rest = np.repeat(lengths[long], counts) - 8 * chunk
        values = chunks[np.repeat(starts[long], counts) + 8 * chunk] & _TAIL_MASKS[np.minimum(rest, 8)]
        values *= _chunk_multipliers(int(counts.max()) + 1)[chunk]
        sums[long] += np.add.reduceat(values, offsets)
    return sums


_TAIL_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)  # the low n bytes


def _chunk_multipliers(count: int) -> U64:
    """``m_0 = 1`` and a fixed random odd multiplier for every later chunk position."""
    multipliers = mix64(np.arange(count, dtype=np.uint64) ^ _CHUNK_KEY) | np.uint64(1)
    multipliers[0] = 1
    return multipliers


@lru_cache(maxsize=8)
def _window_multipliers(size: int, seed: int = 0) -> U64:
    """One random odd 64-bit multiplier per position in a shingle window."""
    multipliers = np.random.default_rng((seed, size)).integers(
        0, np.iinfo(np.uint64).max, size, dtype=np.uint64
    )
    multipliers |= np.uint64(1)
    multipliers.flags.writeable = False
    return multipliers


def _shingles(tokens: U64, bounds: I64, size: int, seed: int) -> tuple[U64, I64]:
    """Each text's sorted distinct shingle hashes, concatenated, and their offsets per text."""
    counts = np.diff(bounds)
    multipliers = _window_multipliers(size, seed)
    total = max(tokens.size - size + 1, 0)
    sums = tokens[:total] * multipliers[0]
    term = np.empty(total, dtype=np.uint64)
    for offset in range(1, size):
        np.multiply(tokens[offset : offset + total], multipliers[offset], out=term)
        sums += term
    text_of = np.repeat(np.arange(counts.size, dtype=np.int32), counts)
    values = sums[text_of[:total] == text_of[size - 1 :]]  # the windows inside one text
    windows = np.maximum(counts - size + 1, np.minimum(counts, 1))
    shingle_bounds = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(windows, out=shingle_bounds[1:])
    short = np.flatnonzero((counts > 0) & (counts < size))
    if short.size:  # shorter than one window: all its tokens are one shingle
        whole = [np.sum(tokens[bounds[t] : bounds[t + 1]] * multipliers[: counts[t]]) for t in short.tolist()]
        values = np.insert(values, shingle_bounds[short] - np.arange(short.size), whole)
    mix64(values)
    for start, end in zip(shingle_bounds[:-1].tolist(), shingle_bounds[1:].tolist(), strict=True):
        values[start:end].sort()
    keep = np.empty(values.size, dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    keep[shingle_bounds[:-1][windows > 0]] = True
    kept = np.zeros(values.size + 1, dtype=np.int64)
    np.cumsum(keep, out=kept[1:])
    return values[keep], kept[shingle_bounds]


def _bins(values: U64, num_perm: int) -> I64:
    """The bin of each hash: its high 32 bits scaled to ``[0, num_perm)``, monotone in the hash."""
    bins = values >> np.uint64(32)
    bins *= np.uint64(num_perm)
    bins >>= np.uint64(32)
    return bins.view(np.int64)


def one_permutation_minhash(shingles: U64, bounds: I64, num_perm: int) -> U64:
    """MinHash signatures, one row per text, from each text's sorted distinct shingle hashes.

    The shingle hashes are already random (mixed, seeded), so a bin's minimum is its first
    hash. A text without shingles gets a row of the maximum value (it never collides in a band with
    a text that has shingles).

    >>> s = np.sort(mix64(np.arange(1, 400, dtype=np.uint64)))
    >>> sig = one_permutation_minhash(s, np.array([0, 400 - 1]), 64)
    >>> sig.shape, bool(np.all(sig[0] != EMPTY_SIGNATURE_VALUE))
    ((1, 64), True)
    """
    texts = bounds.size - 1
    counts = np.diff(bounds)
    cell = _bins(shingles, num_perm)  # then the cell of the flat (text, bin) matrix
    cell += np.repeat(np.arange(0, texts * num_perm, num_perm, dtype=np.int64), counts)
    first = np.empty(cell.size, dtype=bool)
    first[:1] = True
    np.not_equal(cell[1:], cell[:-1], out=first[1:])
    index = np.flatnonzero(first)
    cells = cell[index]
    signatures = np.full(texts * num_perm, EMPTY_SIGNATURE_VALUE, dtype=np.uint64)
    signatures[cells] = shingles[index]
    filled = np.zeros(texts * num_perm, dtype=bool)
    filled[cells] = True
    _densify(signatures, filled, counts > 0, num_perm)
    return signatures.reshape(texts, num_perm)


def _densify(
    signatures: U64, filled: npt.NDArray[np.bool_], nonempty: npt.NDArray[np.bool_], num_perm: int
) -> None:
    """Fill each empty bin from the first filled bin of its probe sequence (optimal densification),
    on the flat ``(text, bin)`` matrix.

    Bin ``i``'s ``t``-th probe is a fixed hash of ``(i, t)``, the same for every text, so two
    texts copy into an empty bin from the same place whenever they fill the same bins.
    """
    empty = np.flatnonzero(~filled)
    empty = empty[nonempty[empty // num_perm]]
    rows = empty - empty % num_perm
    probes = (empty - rows).astype(np.uint64) << np.uint64(32)
    attempt = 0
    while empty.size:
        probe = probes + np.uint64(attempt)
        probe ^= _PROBE_KEY
        target = rows + _bins(mix64(probe), num_perm)
        hit = filled[target]
        signatures[empty[hit]] = signatures[target[hit]]
        miss = ~hit
        empty, rows, probes = empty[miss], rows[miss], probes[miss]
        attempt += 1


def band_key_matrix(signatures: U64, bands: int, rows: int) -> U64:
    """One 64-bit bucket key per text and band; the band number seeds each key, so equal rows in
    different bands never share a bucket."""
    if bands * rows > signatures.shape[1]:
        raise ValueError(
            f"bands * rows ({bands} * {rows}) exceeds the signature length {signatures.shape[1]}"
        )
    banded = signatures[:, : bands * rows].reshape(signatures.shape[0], bands, rows)
    multipliers = _window_multipliers(rows)
    keys = np.tile(_band_seeds(bands), (signatures.shape[0], 1))
    for row in range(rows):
        keys += mix64(banded[:, :, row] ^ _ROW_KEY) * multipliers[row]
    return mix64(keys)


@lru_cache(maxsize=8)
def _band_seeds(bands: int) -> U64:
    seeds = mix64(np.arange(1, bands + 1, dtype=np.uint64) * _PROBE_KEY)
    seeds.flags.writeable = False
    return seeds


@dataclass(slots=True)
class SketchBatch:
    """The sketches of a batch of texts: text ``i`` has ``token_counts[i]`` tokens, body hash
    ``body_hashes[i]`` (equal for equal token sequences), the sorted distinct shingle hashes
    ``shingles[bounds[i]:bounds[i + 1]]`` and the MinHash signature ``signatures[i]``."""

    token_counts: I64
    body_hashes: U64
    shingles: U64
    bounds: I64
    signatures: U64

    def shingles_of(self, index: int) -> U64:
        return self.shingles[self.bounds[index] : self.bounds[index + 1]]


def sketch_texts(texts: Sequence[str], shingle_size: int, num_perm: int, seed: int = 1) -> SketchBatch:
    """Tokens, shingles, body hashes and signatures of a batch of texts (see the module notes).

    >>> batch = sketch_texts(["Fire broke out in the old mill on Monday.", "", "fire BROKE out"], 5, 16)
    >>> batch.token_counts.tolist(), np.diff(batch.bounds).tolist(), batch.signatures.shape
    ([9, 0, 3], [5, 0, 1], (3, 16))
    """
    tokens, token_bounds = token_hashes(texts)
    counts = np.diff(token_bounds)
    shingles, bounds = _shingles(tokens, token_bounds, shingle_size, seed)
    return SketchBatch(
        token_counts=counts,
        body_hashes=_body_hashes(tokens, token_bounds),
        shingles=shingles,
        bounds=bounds,
        signatures=one_permutation_minhash(shingles, bounds, num_perm),
    )


def _body_hashes(tokens: U64, bounds: I64) -> U64:
    """A hash of each text's token sequence: a polynomial in the token hashes, then mixed."""
    counts = np.diff(bounds)
    offsets = np.arange(tokens.size, dtype=np.int64) - np.repeat(bounds[:-1], counts)
    terms = tokens * _powers(int(counts.max(initial=0)) + 1)[offsets]
    sums = np.zeros(counts.size, dtype=np.uint64)
    nonempty = counts > 0
    if terms.size:
        sums[nonempty] = np.add.reduceat(terms, bounds[:-1][nonempty])
    sums ^= counts.astype(np.uint64) * _BODY_KEY
    return mix64(sums)


def sketch_stream(
    texts: Iterable[str], shingle_size: int, num_perm: int, seed: int = 1, workers: int = 1
) -> Iterator[SketchBatch]:
    """:func:`sketch_texts` over consecutive batches of ``texts``, in order, on ``workers``
    processes (at most ``2 * workers`` batches are in flight, so a stream of any length fits).

    The results do not depend on ``workers``: each text's sketch depends on the text alone.
    """
    iterator = iter(texts)
    batches = iter(lambda: list(islice(iterator, _BATCH)), [])
    work = partial(sketch_texts, shingle_size=shingle_size, num_perm=num_perm, seed=seed)
    if workers <= 1:
        yield from map(work, batches)
        return
    with ProcessPoolExecutor(workers) as pool:
        pending: deque[Future[SketchBatch]] = deque()
        for batch in batches:
            pending.append(pool.submit(work, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def bucket_pairs(keys: U64) -> I64:
    """Every pair of rows sharing a key in the same column of ``keys`` (one row of bucket keys
    per text, one column per band), as a sorted ``(n, 2)`` array of row numbers ``i < j``
    without repeats.

    Sorting each column puts each bucket's members next to each other; the members of buckets
    of two or more then pair with the members after them in their bucket, all with array
    arithmetic.

    >>> bucket_pairs(np.array([[1, 7], [2, 7], [1, 9]], dtype=np.uint64)).tolist()
    [[0, 1], [0, 2]]
    """
    texts = keys.shape[0]
    order = np.argsort(keys, axis=0)
    ordered = np.take_along_axis(keys, order, axis=0).T.ravel()  # column after column
    rows = order.T.ravel()
    same = ordered[1:] == ordered[:-1]
    shared = np.zeros(ordered.size, dtype=bool)
    shared[1:] = same
    shared[:-1] |= same
    members = np.flatnonzero(shared)  # most keys are a bucket of their own
    ordered, rows = ordered[members], rows[members]
    boundary = np.ones(ordered.size + 1, dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=boundary[1:-1])
    starts = np.flatnonzero(boundary)
    group_end = np.repeat(starts[1:], np.diff(starts))  # the end of each member's bucket
    later = group_end - np.arange(ordered.size) - 1  # members after this one in its bucket
    left = np.repeat(np.arange(ordered.size), later)
    first = np.zeros(ordered.size, dtype=np.int64)
    np.cumsum(later[:-1], out=first[1:])
    right = left + 1 + np.arange(left.size) - np.repeat(first, later)
    a, b = rows[left], rows[right]
    codes = np.sort((np.minimum(a, b) * texts + np.maximum(a, b))[a != b])  # one integer per pair
    distinct = np.ones(codes.size, dtype=bool)
    np.not_equal(codes[1:], codes[:-1], out=distinct[1:])
    codes = codes[distinct]  # (np.unique is several times slower here)
    return np.stack([codes // texts, codes % texts], axis=1)
