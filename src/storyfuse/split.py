"""Splitting a story that holds two events of one kind.

Reports of two events of one kind (two title fights of one champion, two arrests of one team's
players, two injuries in one team's backfield) share most of their words and their main entity,
so their cosine reaches the assignment threshold and, once one story holds both, every later
report of either joins it. Such a story is two groups of members, each member closer to its own
group than to the other, each group agreeing on particulars of its own (the opponent, the
arrested player, the venue) that most of its members name and no member of the other group
does. A story told over days or from several angles has loose sub-groups too, but with members
in between, or without particulars of both sides: later reports repeat the earlier names.

:func:`two_events` finds the best two-way cut of a story's members by spectral bisection of
their similarity matrix (the cut along the Fiedler vector of the normalised graph Laplacian with
the lowest normalised cut, Shi and Malik 2000) and keeps it only when

1. both groups have ``split_size`` members;
2. every member's mean similarity to its own group exceeds that to the other group;
3. each group has :data:`SPECIFICS` particulars of its own: entity or number features held by at
   least half of its members, by no member of the other group, and by no more articles of the
   corpus than the story has members (names that belong to this story, not "Monday" or "2").

>>> from storyfuse.assign import ClusterOptions
>>> fight = {"fight": 0.5, "title": 0.5, "@varga": 0.5}
>>> a = [{**fight, "@porto": 0.3, "@okafor": 0.3, "#61": 0.3}] * 5
>>> b = [{**fight, "@turin": 0.3, "@lindqvist": 0.3, "#47": 0.3}] * 5
>>> two_events([*a, *b], [None] * 10, ClusterOptions(split_size=5), lambda feature: 5)
[5, 6, 7, 8, 9]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from storyfuse.assign import ClusterOptions, HeldBy, Vector, is_particular

__all__ = ["SPECIFICS", "own_particulars", "two_events"]

SPECIFICS = 2
"""Particulars (entity or number features) each group must have of its own: one can be a name
variant or a stray number, two are a pattern."""


def two_events(
    vectors: Sequence[Vector], days: Sequence[int | None], options: ClusterOptions, held_by: HeldBy
) -> list[int] | None:
    """Positions of the members forming a second event in a story, or ``None`` to keep it whole.

    ``vectors`` are the members' unit vectors, ``days`` their publication days (``None``:
    unknown); a pair's similarity is their cosine times their time factor, as in
    :func:`storyfuse.assign.match_score`. ``held_by`` tells how many articles of the corpus hold
    a feature. Returns the smaller group's positions, in order (steps numbered as in the module
    docstring).
    """
    size = len(vectors)
    if size < 2 * options.split_size:
        return None
    similarity = _similarity_matrix(vectors, days, options)
    cut = _best_cut(similarity, options.split_size)  # 1
    if cut is None or not _clean(similarity, *cut):  # 2
        return None
    first, second = ([vectors[i] for i in group] for group in cut)
    if (
        min(len(own_particulars(first, second, held_by)), len(own_particulars(second, first, held_by)))
        < SPECIFICS
    ):  # 3
        return None
    smaller = cut[0] if len(cut[0]) <= len(cut[1]) else cut[1]
    return sorted(smaller)


def _similarity_matrix(
    vectors: Sequence[Vector], days: Sequence[int | None], options: ClusterOptions
) -> np.ndarray:
    """Pairwise cosine times time factor (as :func:`storyfuse.assign.match_score` weighs two single
    days), with a zero diagonal, summed feature by feature over the members holding it: memory
    grows with the members squared, not with their vocabulary."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, vector in enumerate(vectors):
        for feature, weight in vector.items():
            postings[feature].append((row, weight))
    similarity = np.zeros((len(vectors), len(vectors)))
    for held in postings.values():
        if len(held) > 1:
            rows, weights = np.array([r for r, _ in held]), np.array([w for _, w in held])
            similarity[np.ix_(rows, rows)] += np.outer(weights, weights)
    known = np.array([day is not None for day in days])
    if known.sum() > 1:
        numbers = np.array([day if day is not None else 0 for day in days], dtype=float)
        gaps = np.abs(numbers[:, None] - numbers[None, :])
        factor = 1.0 - options.time_penalty * (1.0 - np.exp(-gaps / options.time_scale_days))
        similarity *= np.where(np.outer(known, known), factor, 1.0)
    np.fill_diagonal(similarity, 0.0)
    return np.clip(similarity, 0.0, None)


def _best_cut(similarity: np.ndarray, least: int) -> tuple[list[int], list[int]] | None:
    """The split along the Fiedler ordering with the lowest normalised cut, both sides of at least
    ``least`` members (``None`` if the graph has a member with no similarity at all, or the
    eigendecomposition does not converge)."""
    degree = similarity.sum(axis=1)
    if not np.all(degree > 0):
        return None
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(degree)) - similarity * np.outer(scale, scale)
    try:
        _, eigenvectors = np.linalg.eigh(laplacian)
    except np.linalg.LinAlgError:  # no convergence: keep the story whole
        return None
    order = [int(i) for i in np.argsort(eigenvectors[:, 1] * scale, kind="stable")]
    ordered = similarity[np.ix_(order, order)]
    degrees = degree[order]
    # moving member k to the left side adds its degree to the cut, less twice its links there
    crossing = np.cumsum(degrees - 2.0 * np.triu(ordered, 1).sum(axis=0))
    volume = np.cumsum(degrees)
    total = float(degree.sum())
    best: tuple[float, int] | None = None
    for k in range(least, len(order) - least + 1):
        ncut = float(crossing[k - 1] / volume[k - 1] + crossing[k - 1] / (total - volume[k - 1]))
        if best is None or ncut < best[0]:
            best = (ncut, k)
    if best is None:
        return None
    return order[: best[1]], order[best[1] :]


def _clean(similarity: np.ndarray, first: list[int], second: list[int]) -> bool:
    """Whether every member is closer, on average, to its own group than to the other: a story
    told from two angles has members in between, two events do not."""
    for group, other in ((first, second), (second, first)):
        own = similarity[np.ix_(group, group)].sum(axis=1) / (len(group) - 1)
        if np.any(own <= similarity[np.ix_(group, other)].mean(axis=1)):
            return False
    return True


def own_particulars(group: Sequence[Vector], other: Sequence[Vector], held_by: HeldBy) -> set[str]:
    """Entity and number features held by at least half of ``group``, by none of ``other`` and by
    no more articles of the corpus than the two groups have.

    >>> own_particulars([{"@lindqvist": 0.5, "fight": 0.5}], [{"@okafor": 0.5}], {"@lindqvist": 2}.get)
    {'@lindqvist'}
    """
    articles = len(group) + len(other)
    held = Counter(
        f for vector in group for f in vector if is_particular(f) and (held_by(f) or 0) <= articles
    )
    elsewhere = {f for vector in other for f in vector}
    return {f for f, n in held.items() if 2 * n >= len(group) and f not in elsewhere}
