"""One outlet identity per site: host variants, site names and names in prompts agree.

The sites and pages are invented for the test."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyfuse.clean import clean, learn_templates
from storyfuse.clean.outlets import (
    article_keys,
    fits_site,
    original_url,
    outlet_key,
    registrable_domain,
    site_label,
    unify_outlets,
)
from storyfuse.models import Article, RawDocument
from storyfuse.pipeline import PipelineOptions, clean_documents

PARAGRAPHS = [
    "The ferry service between the two islands resumed on Monday after a week of strikes, operators said.",
    "Unions and the operator agreed on a new pay deal late on Sunday after talks that lasted all weekend.",
    "Passengers who lost tickets during the strike will be refunded within a month, the company said.",
]


def test_registrable_domain_and_site_label() -> None:
    assert registrable_domain("https://edition.cnn.com/2024/01/02/world/x") == "cnn.com"
    assert registrable_domain("www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registrable_domain("https://www.abc.net.au/news/x") == "abc.net.au"
    assert registrable_domain("https://www.islandherald.example") == "islandherald.example"
    assert registrable_domain("http://10.0.0.7/page") == "10.0.0.7"
    # each customer of a hosting platform is its own site
    assert (
        registrable_domain("https://harbour-notes.blogspot.com/2024/01/x.html")
        == "harbour-notes.blogspot.com"
    )
    assert site_label("https://islandherald.github.io/a") == "islandherald"
    assert registrable_domain("https://www.blogspot.com/") == "blogspot.com"
    assert registrable_domain("localhost") is None
    assert registrable_domain("http://[::1") is None
    assert site_label("https://m.island-herald.co.nz/a") == site_label("islandherald.co.nz") == "islandherald"


def test_a_name_fits_the_site_it_spells() -> None:
    assert fits_site("Al Jazeera", "aljazeera")
    assert fits_site("The New York Times", "nytimes")
    assert fits_site("NBC 5 Dallas-Fort Worth", "nbcdfw")
    assert fits_site("BBC News", "bbc")
    assert fits_site("Caf\u00e9 Gazette", "cafegazette")
    assert not fits_site("CNN", "aljazeera")
    assert not fits_site("Reuters", "rt")
    assert not fits_site("Times of the Isles", "islestimes")  # words out of order
    assert not fits_site("", "cnn")


@given(st.lists(st.from_regex(r"[A-Za-z][a-z]{0,8}", fullmatch=True), min_size=1, max_size=5))
def test_the_letters_of_a_name_always_fit_it(words: list[str]) -> None:
    name = " ".join(words)
    assert fits_site(name, name.replace(" ", "").lower())
    assert fits_site(name, "".join(word[0] for word in words).lower())  # initials


def _html(site_name: str, url: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html><head><meta property="og:site_name" content="{site_name}">'
        f'<link rel="canonical" href="{url}"><title>Ferries sail again</title></head>'
        f"<body><article><h1>Ferries sail again</h1>{body}</article></body></html>"
    )


def test_site_name_is_the_outlet_only_when_it_fits_the_address() -> None:
    fitting = clean(
        RawDocument("a", "a.html", _html("Island Herald", "https://www.islandherald.example/x"), "html")
    )
    assert fitting.outlet == "Island Herald"
    other = clean(
        RawDocument("b", "b.html", _html("Coast Wire", "https://www.islandherald.example/y"), "html")
    )
    assert other.outlet == "islandherald.example"


def test_an_archived_copy_belongs_to_the_site_that_published_it() -> None:
    archived = "http://web.archive.org/web/20240311081502/http://www.islandherald.example:80/ferries"
    assert original_url(archived) == "http://www.islandherald.example:80/ferries"
    assert site_label(archived) == "islandherald"
    collapsed = "https://archive.example/wayback/20240311id_/https:/islandherald.example/2024/03/09/ferries"
    assert original_url(collapsed) == "https://islandherald.example/2024/03/09/ferries"
    page = "\n\n".join(["Ferries sail again", *PARAGRAPHS])
    article = clean(RawDocument("e", "e.txt", page, "text", url=collapsed))
    assert article.outlet == "islandherald.example"
    assert article.url == collapsed  # where the page was read is kept as given
    assert article.published == "2024-03-09"  # from the page's own path, not the capture stamp
    plain = "https://www.islandherald.example/news/20240311/ferries"
    assert original_url(plain) == plain


def test_the_site_name_a_title_ends_with_names_the_outlet() -> None:
    page = "\n\n".join(PARAGRAPHS)
    url = "https://www.islandherald.example/2024/ferries-sail-again"

    def outlet(title: str) -> str | None:
        return clean(RawDocument("f", "f.txt", page, "text", url=url, title=title)).outlet

    assert outlet("Ferries sail again - Island Herald 24") == "Island Herald 24"
    assert outlet("Ferries sail again - Island Herald 24, Island News & Weather") == "Island Herald 24"
    assert outlet("Ferries sail again | Coast Wire") == "islandherald.example"  # not this site
    assert outlet("Ferries: Island Herald crews return") == "islandherald.example"  # a headline


def test_a_prompt_naming_another_outlet_does_not_name_this_one() -> None:
    page = "\n\n".join(["Ferries sail again", *PARAGRAPHS, "Follow Coast Wire on Twitter"])
    url = "https://edition.islandherald.example/2024/ferries-sail-again"
    assert clean(RawDocument("c", "c.txt", page, "text", url=url)).outlet == "islandherald.example"
    own = page + "\n\nSupport Island Herald: donate to keep our journalism free for you."
    assert clean(RawDocument("d", "d.txt", own, "text", url=url)).outlet == "Island Herald"


def test_outlet_key_joins_hosts_and_names_of_one_site() -> None:
    assert outlet_key(None, "https://edition.islandherald.example/a") == "islandherald"
    assert outlet_key("Island Herald", "https://www.islandherald.example/b") == "islandherald"
    assert outlet_key("Island Herald", None) == "islandherald"
    assert outlet_key("The Island Herald Online", None, known=["islandherald"]) == "islandherald"
    assert outlet_key("Coast Wire", None, known=["islandherald"]) == "coastwire"
    assert outlet_key(None, None) is None
    assert outlet_key("!!!", None) is None


def _article(i: int, outlet: str | None, url: str | None) -> Article:
    return Article(str(i), f"{i}.txt", list(PARAGRAPHS), outlet=outlet, url=url)


def test_unify_gives_every_page_of_a_site_one_name() -> None:
    pages = [
        _article(1, "islandherald.example", "https://edition.islandherald.example/a"),
        _article(2, "Island Herald", "https://www.islandherald.example/b"),
        _article(3, "The Island Herald", None),
        _article(4, "Coast Wire", "https://coastwire.example/c"),
        _article(5, None, None),
    ]
    unified = unify_outlets(pages)
    assert [a.outlet for a in unified] == [
        "Island Herald",
        "Island Herald",
        "Island Herald",
        "Coast Wire",
        None,
    ]
    assert unify_outlets(unified) == unified
    assert article_keys(pages) == ["islandherald", "islandherald", "islandherald", "coastwire", None]


def test_templates_are_learned_across_host_variants_of_one_site() -> None:
    hosts = ["www", "edition", "m", "www"]
    raws = []
    for i, host in enumerate(hosts):
        lede = f"The island council met on day {i} and voted on the harbour budget, officials said."
        text = f"Council story {i}\n\n{lede}\n\nKeep the Herald going for another year"
        raws.append(
            RawDocument(str(i), f"{i}.txt", text, "text", url=f"https://{host}.islandherald.example/{i}")
        )
    templates = learn_templates(raws, [clean(r) for r in raws])
    assert templates == {"islandherald": frozenset({"keep the herald going for another year"})}


def test_pipeline_pages_of_one_site_share_one_outlet_name() -> None:
    raws = [
        RawDocument("a", "a.html", _html("Island Herald", "https://www.islandherald.example/a"), "html"),
        RawDocument(
            "b", "b.txt", "\n\n".join(PARAGRAPHS), "text", url="https://edition.islandherald.example/b"
        ),
        RawDocument("c", "c.txt", "\n\n".join(PARAGRAPHS), "text", outlet="The Island Herald"),
    ]
    articles, _ = clean_documents(raws, PipelineOptions(learn_templates=False))
    assert [a.outlet for a in articles] == ["Island Herald"] * 3
