"""Corpus-wide page furniture: learned across outlets, removed from every page, never story text."""

from __future__ import annotations

from pathlib import Path

from storyfuse.clean import clean, reasons
from storyfuse.clean.furniture import learn_furniture, remove_furniture
from storyfuse.dedup import find_duplicates
from storyfuse.models import Article, RawDocument
from storyfuse.pipeline import clean_documents
from storyfuse.store import CorpusStore

# Five unrelated incidents, each told by a page of unknown outlet.
INCIDENTS = [
    (
        "Warehouse fire injures two in Millbrook",
        [
            "A fire tore through a warehouse in Millbrook on Monday, injuring two workers, fire officials said.",
            "Crews from four stations fought the blaze for six hours before it was under control.",
        ],
    ),
    (
        "Bridge closed after barge strike on the Ohio River",
        [
            "The Kinley bridge over the Ohio River was closed on Tuesday after a barge struck one of its piers.",
            "Engineers will inspect the pier before traffic is allowed back, the state transport office said.",
        ],
    ),
    (
        "School board approves new budget in Fairview",
        [
            "The Fairview school board approved a budget of 41 million dollars on Wednesday night.",
            "The plan adds nine teachers and repairs the roof of the middle school, board members said.",
        ],
    ),
    (
        "Hospital opens maternity ward in Dunmore",
        [
            "Dunmore General Hospital opened a maternity ward with 24 beds on Thursday.",
            "Until now expectant mothers travelled more than an hour to give birth, the hospital director said.",
        ],
    ),
    (
        "Farmers count losses after hailstorm near Greeley",
        [
            "Farmers near Greeley lost much of their wheat when hail fell for twenty minutes on Friday.",
            "The county agriculture office will assess the damage before aid is requested from the state.",
        ],
    ),
]

# A settings widget no phrase rule knows, and its line naming the page's reporter.
APPEAL = [
    "Your preferences have been stored.",
    "Something went wrong while storing your preferences.",
    "Preferences apply on every device where you use this profile.",
]


REPORTERS = ["Ana Ruiz", "Tom Berg", "Lea Moss", "Raj Patel", "Eva Lind"]


def reporter_prompt(name: str) -> str:
    return f"Pieces by {name} will show up here first."


def page(article_id: str, title: str, paragraphs: list[str], outlet: str | None = None) -> RawDocument:
    return RawDocument(
        article_id, f"{article_id}.txt", "\n\n".join(paragraphs), "text", title=title, outlet=outlet
    )


def appeal_corpus() -> list[RawDocument]:
    """Five real articles closing with the same prompt, and two scrapes that caught only the
    prompt (around a reporter's name) under the headline of yet another incident."""
    raws = [
        page(f"story-{n}", title, [*body, reporter_prompt(REPORTERS[n]), *APPEAL])
        for n, (title, body) in enumerate(INCIDENTS)
    ]
    raws.append(page("chrome-a", "Two hurt in crash on Route 9", [reporter_prompt("Ana Ruiz"), *APPEAL]))
    raws.append(page("chrome-b", "Mayor resigns after audit", [reporter_prompt("Ana Ruiz"), *APPEAL]))
    return raws


def test_prompt_across_unrelated_pages_of_unknown_outlet_is_removed_as_template() -> None:
    names = REPORTERS
    articles, _ = clean_documents(appeal_corpus())
    by_id = {a.id: a for a in articles}
    for n, (_, body) in enumerate(INCIDENTS):
        article = by_id[f"story-{n}"]
        assert article.outlet is None
        # the line naming the reporter varies, so on a real article it stays
        assert article.paragraphs == [*body, reporter_prompt(names[n])]
        removed = {r.text: r.reason for r in article.removed}
        assert all(removed[line] == reasons.TEMPLATE for line in APPEAL)


def test_page_of_nothing_but_furniture_is_left_empty_and_pairs_with_nothing() -> None:
    articles, problems = clean_documents(appeal_corpus())
    assert {"chrome-a.txt", "chrome-b.txt"} <= {p.path for p in problems if "no article text" in p.message}
    assert {a.id for a in articles} == {f"story-{n}" for n in range(len(INCIDENTS))}
    assert find_duplicates(articles) == []


def test_without_furniture_learning_the_chrome_pages_are_duplicates() -> None:
    """The failure the rule exists for: the same scrapes, cleaned page by page, pair up."""
    raws = appeal_corpus()
    articles = [clean(r) for r in raws if r.id.startswith("chrome")]
    assert articles[0].paragraphs and articles[0].paragraphs == articles[1].paragraphs


WIRE = [
    "A gunman opened fire at the Lakeside mall in Carver on Saturday, killing three shoppers, police said.",
    "Officers arrived within four minutes and the suspect surrendered outside a department store.",
    "Witnesses described people running between the shops and hiding in storerooms.",
    "The investigation is being led by the state bureau, which asked witnesses to send their videos.",
    "Relatives of the victims gathered at a church near the town hall late into the night.",
]
HEADLINES = [
    "Three killed in Carver mall shooting",
    "Gunman kills 3 at Lakeside mall",
    "Mall shooting in Carver leaves three dead",
    "Police: shopper deaths at Lakeside mall",
    "Carver gunman surrenders after killing three",
    "Lakeside mall attack: what we know",
]


def test_wire_story_run_by_six_outlets_keeps_every_paragraph() -> None:
    raws = [page(f"wire-{n}", title, WIRE, outlet=f"Outlet {n}") for n, title in enumerate(HEADLINES)]
    raws += appeal_corpus()
    articles, _ = clean_documents(raws)
    wire = [a for a in articles if a.id.startswith("wire")]
    assert len(wire) == len(HEADLINES)
    assert all(a.paragraphs == WIRE for a in wire)
    assert not any(r.reason == reasons.TEMPLATE for a in wire for r in a.removed)


def test_wire_story_without_the_headline_words_in_its_later_paragraphs_is_not_learned() -> None:
    """Each later paragraph alone names no headline; the lede the pages share does."""
    articles = [Article(f"w{n}", f"w{n}.txt", list(WIRE), title=title) for n, title in enumerate(HEADLINES)]
    assert learn_furniture(articles) == frozenset()
    without_lede = [Article(a.id, a.path, WIRE[1:], title=a.title) for a in articles]
    assert learn_furniture(without_lede) == frozenset()


def test_line_speaking_of_the_headlines_or_on_few_pages_is_not_learned() -> None:
    def articles(line: str, count: int) -> list[Article]:
        return [
            Article(str(n), f"{n}.txt", [*body, line], title=title)
            for n, (title, body) in enumerate(INCIDENTS[:count])
        ]

    assert learn_furniture(articles("Thanks for reading!", 5)) == {"thanks for reading"}
    assert learn_furniture(articles("Thanks for reading!", 4)) == frozenset()
    # "fire", "bridge", "school": the line names three of the five headlines' subjects
    speaking = "Fire, bridge and school news from the county, every morning."
    assert learn_furniture(articles(speaking, 5)) == frozenset()
    untitled = [Article(a.id, a.path, a.paragraphs) for a in articles("Thanks for reading!", 5)]
    assert learn_furniture(untitled) == frozenset()


def test_real_article_keeps_text_that_does_not_name_its_headline() -> None:
    """Only when furniture is most of the page is the rest taken for varying furniture."""
    title, body = INCIDENTS[0]
    aside = "Nobody else was in the building at the time."
    article = Article("a", "a.txt", [*body, aside, "Thanks for reading!"], title=title)
    cleaned = remove_furniture(article, frozenset({"thanks for reading"}))
    assert cleaned.paragraphs == [*body, aside]
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Thanks for reading!", reasons.TEMPLATE)]
    assert remove_furniture(article, frozenset()) is article


def test_store_keeps_furniture_under_the_corpus_key_and_skips_chrome_pages(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "corpus.db") as store:
        result = store.ingest(appeal_corpus())
        lines = {row[0] for row in store._db.execute("SELECT line FROM templates WHERE outlet = ''")}
        stored = {a.id: a for a in store.articles()}
    assert {
        "your preferences have been stored",
        "something went wrong while storing your preferences",
    } <= lines
    assert set(stored) == {f"story-{n}" for n in range(len(INCIDENTS))}
    assert result.skipped == 2
    for n, (_, body) in enumerate(INCIDENTS):
        paragraphs = stored[f"story-{n}"].paragraphs
        assert paragraphs[: len(body)] == body and not set(APPEAL) & set(paragraphs)


def test_store_learns_furniture_from_the_pages_of_earlier_batches(tmp_path: Path) -> None:
    """Batches of three pages: no batch holds the prompt five times, the store's pages do."""
    with CorpusStore(tmp_path / "corpus.db") as store:
        result = store.ingest(appeal_corpus(), batch_size=3)
        stored = {a.id: a for a in store.articles()}
        evidence = store._db.execute("SELECT COUNT(DISTINCT page) FROM furniture_pages").fetchone()[0]
    assert result.skipped == 2 and set(stored) == {f"story-{n}" for n in range(len(INCIDENTS))}
    assert evidence == len(appeal_corpus())
    for n, (_, body) in enumerate(INCIDENTS):
        paragraphs = stored[f"story-{n}"].paragraphs
        # pages stored before the prompt was learned are not cleaned again
        assert bool(set(APPEAL) & set(paragraphs)) == (n < 3)
        assert paragraphs[: len(body)] == body


def test_store_evidence_of_one_page_does_not_make_furniture(tmp_path: Path) -> None:
    """The same page ingested again (a new id) adds no page: one headline is one page."""
    title, body = INCIDENTS[0]
    raws = [page(f"copy-{n}", title, [*body, *APPEAL]) for n in range(6)]
    with CorpusStore(tmp_path / "corpus.db") as store:
        for raw in raws:
            store.ingest([raw])
        stored = list(store.articles())
    assert len(stored) == 6 and all(a.paragraphs == [*body, *APPEAL] for a in stored)


def test_furniture_an_outlet_template_already_took_counts_towards_an_empty_page() -> None:
    """Pages of one known outlet: its template takes the widget, the reporter's line is left."""
    raws = [
        page(f"story-{n}", title, [*body, *APPEAL], outlet="Ledger")
        for n, (title, body) in enumerate(INCIDENTS)
    ]
    chrome = [reporter_prompt("Ana Ruiz"), *APPEAL]
    raws += [
        page(f"chrome-{n}", title, chrome, outlet="Ledger")
        for n, title in enumerate(["Crash on Route 9", "Mayor quits"])
    ]
    articles, _ = clean_documents(raws)
    assert {a.id for a in articles} == {f"story-{n}" for n in range(len(INCIDENTS))}
