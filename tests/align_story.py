"""An invented four-outlet story shared by the align, lineage and fuse tests.

``wire`` is an agency dispatch; ``copy`` reprints it trimmed with one name respelled; ``rewrite``
says the same facts in other words and order (and disagrees on a number); ``local`` adds a
detail no one else has and merges two wire sentences into one.
"""

from __future__ import annotations

from storyfuse.models import Article

WIRE_PARAGRAPHS = [
    "A pedestrian bridge over the Kessel River in Harwick collapsed on Monday evening, injuring 12 people, "
    "the county fire service said.",
    "Rescue crews pulled four people from the water, and two of them remain in critical condition at "
    "Harwick General Hospital.",
    '"The deck gave way in seconds, there was nothing anyone could do," said fire chief Mary-Ann Kolby.',
    "The bridge, built in 1978, had been closed for repairs twice in the past decade.",
    "City engineers will inspect the remaining river crossings this week, Mayor Tom Ruddick said.",
]

COPY_PARAGRAPHS = [
    WIRE_PARAGRAPHS[0],
    WIRE_PARAGRAPHS[1],
    '"The deck gave way in seconds, there was nothing anyone could do," said fire chief Mary Ann Kolby.',
    WIRE_PARAGRAPHS[3],
]

REWRITE_PARAGRAPHS = [
    "14 people were injured when a pedestrian bridge in Harwick collapsed into the Kessel River on Monday "
    "evening, officials said.",
    "Fire chief Mary-Ann Kolby said the deck gave way in seconds and that there was nothing anyone could do.",
    "Two of the four people rescued from the river by crews remain in critical condition at Harwick General "
    "Hospital.",
    "Mayor Tom Ruddick said engineers would inspect the city's remaining river crossings this week.",
]

LOCAL_PARAGRAPHS = [
    "A pedestrian bridge across the Kessel River in Harwick collapsed on Monday evening and 12 people were "
    "injured, the county fire service said.",
    "Residents had complained about loose railings on the bridge for months, neighbour Elena Petrov told "
    "this newspaper.",
    "The bridge, built in 1978, had been closed for repairs twice in the past decade, and city engineers "
    "will inspect the remaining river crossings this week.",
]

UNIQUE_DETAIL = LOCAL_PARAGRAPHS[1]


def story() -> list[Article]:
    """Fresh articles of the invented story, in input order wire, copy, rewrite, local."""
    return [
        Article(
            id="wire",
            path="wire.txt",
            paragraphs=list(WIRE_PARAGRAPHS),
            agency="AP",
            published="2024-03-05T08:00:00Z",
        ),
        Article(
            id="copy", path="copy.txt", paragraphs=list(COPY_PARAGRAPHS), published="2024-03-05T10:30:00Z"
        ),
        Article(
            id="rewrite",
            path="rewrite.txt",
            paragraphs=list(REWRITE_PARAGRAPHS),
            published="2024-03-05T12:00:00Z",
        ),
        Article(
            id="local", path="local.txt", paragraphs=list(LOCAL_PARAGRAPHS), published="2024-03-05T09:00:00Z"
        ),
    ]
