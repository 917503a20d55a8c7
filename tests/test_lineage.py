from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align_story import story
from storyfuse.lineage import WIRE_PREFIX, infer_lineage, wire_origin
from storyfuse.models import Article, DuplicateRelation, LineageEdge

SHARED = [
    "The harbour authority closed the northern pier on Tuesday after a crane toppled onto a cargo ship.",
    "Nobody was injured, but the ship's hull was punctured above the waterline, a spokesman said.",
    "Investigators from the transport ministry are expected to arrive at the port on Wednesday morning.",
]
EDIT = "The crane operator, who has worked at the port for 22 years, was questioned by police and released."


def _article(
    article_id: str, paragraphs: list[str], published: str | None = None, agency: str | None = None
) -> Article:
    return Article(
        id=article_id, path=f"{article_id}.txt", paragraphs=paragraphs, published=published, agency=agency
    )


def _edge(edges: list[LineageEdge], copy: str) -> LineageEdge:
    (found,) = [e for e in edges if e.copy == copy]
    return found


def test_wire_credit_and_uncredited_copy_share_the_wire_origin() -> None:
    articles = story()  # wire credits AP; copy reprints it without credit
    lineage = infer_lineage(articles, [DuplicateRelation("wire", "copy", "near", 0.88)])
    assert _edge(lineage.edges, "wire") == LineageEdge("wire:AP", "wire", ["credits AP"])
    copy_edge = _edge(lineage.edges, "copy")
    assert copy_edge.source == "wire:AP"
    assert copy_edge.evidence[:2] == ["shares text with wire, which credits AP", "near-duplicate (0.88)"]
    assert lineage.origin_of == {"wire": "wire:AP", "copy": "wire:AP", "rewrite": "rewrite", "local": "local"}
    assert lineage.wire == "wire:AP"
    assert lineage.independent_origins == 3


def test_articles_crediting_one_agency_are_siblings_not_copies() -> None:
    a = _article("a", SHARED, agency="Reuters")
    b = _article("b", SHARED[:2], agency="Reuters ")
    lineage = infer_lineage([a, b], [DuplicateRelation("a", "b", "containment", 0.97)])
    assert {(e.source, e.copy) for e in lineage.edges} == {("wire:Reuters", "a"), ("wire:Reuters", "b")}
    assert lineage.independent_origins == 1


def test_contained_text_is_the_trimmed_copy() -> None:
    full = _article("full", [*SHARED, EDIT], published="2024-05-07")
    trimmed = _article("trimmed", SHARED, published="2024-05-07")
    lineage = infer_lineage([trimmed, full], [DuplicateRelation("trimmed", "full", "containment", 0.96)])
    assert lineage.edges == [
        LineageEdge("full", "trimmed", ["full contains trimmed (0.96)", "shares 3 edits unique to full"])
    ]
    assert lineage.origin_of == {"trimmed": "full", "full": "full"}
    assert lineage.wire is None and lineage.independent_origins == 1


def test_an_earlier_contained_text_was_expanded_not_trimmed() -> None:
    first = _article("first", SHARED, published="2024-05-07T09:00:00+02:00")
    later = _article("later", [*SHARED, EDIT], published="2024-05-07T08:30:00Z")
    lineage = infer_lineage([first, later], [DuplicateRelation("later", "first", "containment", 0.96)])
    (edge,) = lineage.edges
    assert (edge.source, edge.copy) == ("first", "later")  # 07:00 UTC is before 08:30 UTC
    assert edge.evidence[-1] == "published earlier"


def test_earlier_date_is_the_source_and_fuller_text_breaks_ties() -> None:
    early = _article("early", SHARED, published="2024-05-06")
    late = _article("late", [*SHARED, EDIT], published="2024-05-07")
    (edge,) = infer_lineage([late, early], [DuplicateRelation("late", "early", "near", 0.9)]).edges
    assert (edge.source, edge.copy, edge.evidence[-1]) == ("early", "late", "published earlier")
    undated = [_article("short", SHARED), _article("long", [*SHARED, EDIT])]
    (edge,) = infer_lineage(undated, [DuplicateRelation("short", "long", "near", 0.9)]).edges
    assert (edge.source, edge.copy, edge.evidence[-1]) == ("long", "short", "fuller text")


def test_shared_unique_edits_pick_the_parent_and_link_missed_pairs() -> None:
    base = _article("base", SHARED, published="2024-05-07T08:00:00Z")
    edited = _article(
        "edited", [*SHARED, EDIT, "A second crane was taken out of service as a precaution on the same day."]
    )
    recopy = _article(
        "recopy",
        [SHARED[0], EDIT, "A second crane was taken out of service as a precaution on the same day."],
    )
    duplicates = [
        DuplicateRelation("base", "edited", "containment", 0.95),
        DuplicateRelation("base", "recopy", "near", 0.4),
    ]
    lineage = infer_lineage([base, edited, recopy], duplicates)
    recopy_edge = _edge(lineage.edges, "recopy")
    assert recopy_edge.source == "edited"  # two edits only these two share beat the base's relation
    assert "shares 2 edits unique to edited" in recopy_edge.evidence
    # no duplicate relation at all: the shared edits alone still link them
    alone = infer_lineage([base, edited, recopy], [])
    assert ("edited", "recopy") in {(e.source, e.copy) for e in alone.edges}
    assert alone.independent_origins == 1  # base and edited share two sentences recopy lacks too


def test_unknown_ids_and_self_relations_are_ignored() -> None:
    articles = [_article("a", SHARED), _article("b", [EDIT])]
    lineage = infer_lineage(
        articles, [DuplicateRelation("a", "zzz", "exact", 1.0), DuplicateRelation("a", "a", "exact", 1.0)]
    )
    assert (
        lineage.edges == [] and lineage.origin_of == {"a": "a", "b": "b"} and lineage.independent_origins == 2
    )


def test_wire_origin_name() -> None:
    assert wire_origin("AFP") == f"{WIRE_PREFIX}AFP"


_kinds = st.sampled_from(["exact", "near", "containment", "paraphrase"])
_ids = [f"n{i}" for i in range(5)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_ids), st.sampled_from(_ids), _kinds, st.floats(0, 1)), max_size=10),
    st.lists(
        st.sampled_from([None, "2024-01-01", "2024-01-02", "2024-01-02T10:00:00"]), min_size=5, max_size=5
    ),
    st.lists(st.sampled_from([None, None, "AP", "AFP"]), min_size=5, max_size=5),
)
def test_origins_are_roots_and_edges_form_a_forest(
    relations: list[tuple[str, str, str, float]], dates: list[str | None], agencies: list[str | None]
) -> None:
    articles = [
        _article(article_id, SHARED[: 1 + i % 3], published=dates[i], agency=agencies[i])
        for i, article_id in enumerate(_ids)
    ]
    duplicates = [DuplicateRelation(a, b, kind, sim) for a, b, kind, sim in relations]  # type: ignore[arg-type]
    lineage = infer_lineage(articles, duplicates)
    parent = {e.copy: e.source for e in lineage.edges}
    assert len(parent) == len(lineage.edges)  # one source per copy
    for article in articles:
        node, seen = article.id, set()
        while node in parent:
            assert node not in seen  # no cycles
            seen.add(node)
            node = parent[node]
        assert lineage.origin_of[article.id] == node
        assert node.startswith(WIRE_PREFIX) or node not in parent
    assert lineage.independent_origins == len(set(lineage.origin_of.values()))
    for article in articles:
        if article.agency:
            assert lineage.origin_of[article.id] == wire_origin(article.agency)
