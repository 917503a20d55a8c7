"""Cleaning of HTML pages: main content chosen, page furniture dropped, metadata read.

The pages are invented for the test; their outlets, people and events are fictional.
"""

from __future__ import annotations

import json
import time

from storyfuse.clean import CleanOptions, clean, parse_html, reasons
from storyfuse.models import RawDocument

PARAGRAPHS = [
    "Rescue teams in the Andean town of Sorata pulled 11 people from the mud on Wednesday after a landslide "
    "buried part of the old market, the regional governor said.",
    "The slope gave way shortly before dawn, after three days of heavy rain, and swept through a row of "
    "houses and stalls along the river.",
    "\u201cWe heard a noise like thunder and then the lights went out,\u201d said Rosa Mamani, 47, who sells "
    "vegetables in the market.",
    "Officials said at least 23 people were still missing, and that soldiers had been sent to help dig "
    "through the debris by hand.",
    "The national weather service has warned of more rain in the highlands until the weekend, and closed "
    "two mountain roads as a precaution.",
]

JSON_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Altiplano Daily"},
        {
            "@type": "NewsArticle",
            "headline": "Landslide buries market in Andean town",
            "datePublished": "2024-02-07T09:30:00-04:00",
            "author": [{"@type": "Person", "name": "Luis Quispe"}],
            "publisher": {"@type": "Organization", "name": "Altiplano Daily"},
        },
    ],
}


def _page(paragraph_html: str, extra_head: str = "") -> str:
    related = "".join(
        f'<li><a href="/news/{n}">Another story about the highlands number {n}</a></li>' for n in range(6)
    )
    menu = "".join(
        f'<li><a href="/{s}">{s.title()}</a></li>' for s in ["world", "politics", "sport", "culture"]
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Landslide buries market in Andean town | Altiplano Daily</title>
<meta property="og:site_name" content="Altiplano Daily">
<meta property="og:url" content="https://www.altiplano-daily.example/2024/02/07/landslide-sorata">
<link rel="canonical" href="https://www.altiplano-daily.example/2024/02/07/landslide-sorata">
<script type="application/ld+json">{json.dumps(JSON_LD)}</script>{extra_head}
<style>.x {{ color: red }}</style></head>
<body>
<div id="cookie-banner" class="consent">We use cookies to improve your experience.
<button>Accept all</button></div>
<header class="site-header"><a href="/">Altiplano Daily</a><nav><ul>{menu}</ul></nav></header>
<main>
<article class="story">
  <h1>Landslide buries market in Andean town</h1>
  <p class="byline">By Luis Quispe</p>
  <figure><img src="a.jpg">
  <figcaption>Soldiers dig through mud in Sorata. Photo: Ana Flores</figcaption></figure>
  <div class="story-body">{paragraph_html}</div>
  <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
  <div class="newsletter-signup"><p>Get the morning briefing in your inbox. Sign up now.</p></div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul>{related}</ul></aside>
</main>
<script>var tracking = "Officials said at least 23 people were missing";</script>
<footer><p>&copy; 2024 Altiplano Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


BASIC = _page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def _clean(content: str) -> list[str]:
    return clean(RawDocument("h1", "h1.html", content, "html")).paragraphs


def test_html_body_is_exactly_the_article_paragraphs() -> None:
    assert _clean(BASIC) == PARAGRAPHS


def test_html_metadata_from_json_ld_meta_and_canonical() -> None:
    article = clean(RawDocument("h1", "h1.html", BASIC, "html"))
    assert article.title == "Landslide buries market in Andean town"
    assert article.outlet == "Altiplano Daily"
    assert article.published == "2024-02-07T09:30-04:00"
    assert article.byline == "Luis Quispe"
    assert article.url == "https://www.altiplano-daily.example/2024/02/07/landslide-sorata"
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Soldiers dig through mud in Sorata. Photo: Ana Flores"] == reasons.CAPTION


def test_html_related_teaser_link_inside_the_body_is_removed() -> None:
    teaser = '<p><a href="/news/floods">Floods cut off villages near Lake Titicaca</a></p>'
    body = "".join(f"<p>{p}</p>" + (teaser if i == 2 else "") for i, p in enumerate(PARAGRAPHS))
    article = clean(RawDocument("h1", "h1.html", _page(body), "html"))
    assert article.paragraphs == PARAGRAPHS
    assert {r.text: r.reason for r in article.removed}[
        "Floods cut off villages near Lake Titicaca"
    ] == reasons.RELATED


def test_html_paragraph_with_inline_links_is_kept() -> None:
    linked = PARAGRAPHS[1].replace("heavy rain", '<a href="/weather">heavy rain</a>')
    body = "".join(f"<p>{p}</p>" for p in [PARAGRAPHS[0], linked, *PARAGRAPHS[2:]])
    assert _clean(_page(body)) == PARAGRAPHS


def test_html_br_separated_text_and_div_paragraphs() -> None:
    body = (
        "<div>"
        + "<br><br>".join(PARAGRAPHS[:3])
        + "</div>"
        + "".join(f"<div>{p}</div>" for p in PARAGRAPHS[3:])
    )
    assert _clean(_page(body)) == PARAGRAPHS


def test_html_article_body_itemprop_wins() -> None:
    body = f'<div itemprop="articleBody">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</div>'
    comments = "".join(
        f"<p>Reader {n} wrote a long comment, with many commas, opinions, asides and more words, "
        f"about the weather, the roads, the army and the governor.</p>"
        for n in range(12)
    )
    page = _page(body).replace("</main>", f'<section id="reader-comments">{comments}</section></main>')
    assert _clean(page) == PARAGRAPHS


def test_html_json_ld_article_body_rescues_a_script_rendered_page() -> None:
    data = {"@type": "NewsArticle", "headline": "Landslide", "articleBody": "\n\n".join(PARAGRAPHS)}
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head>'
        '<body><div id="app"></div></body></html>'
    )
    assert _clean(page) == PARAGRAPHS


def test_broken_html_is_handled() -> None:
    broken = (
        "<html><body><div><p>" + PARAGRAPHS[0] + "<p>" + PARAGRAPHS[1] + "</div></span><p>" + PARAGRAPHS[2]
    )
    assert _clean(broken) == PARAGRAPHS[:3]
    assert _clean(
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>' + PARAGRAPHS[0] + "</p></body></html>"
    ) == [PARAGRAPHS[0]]


def test_parse_html_drops_hidden_and_script_text() -> None:
    page = parse_html(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + '<p style="display:none">Hidden text that should never be read by anybody at all.</p>'
        "</article></body></html>"
    )
    texts = [b.text for b in page.blocks]
    assert texts == PARAGRAPHS


def test_large_html_page_in_bounded_time() -> None:
    chunk = "<div class='item'><p>" + PARAGRAPHS[0] + "</p><ul><li><a href='/'>Home</a></li></ul></div>"
    page = "<html><body>" + chunk * 10000 + "</body></html>"  # about 2.5 MB
    start = time.perf_counter()
    # A hang check, not a speed target (the per-page time limit is off, as in the text test).
    paragraphs = clean(RawDocument("h1", "h1.html", page, "html"), CleanOptions(time_limit=None)).paragraphs
    assert time.perf_counter() - start < 60
    assert paragraphs == [PARAGRAPHS[0]]
