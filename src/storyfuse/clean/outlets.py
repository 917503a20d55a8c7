"""One identity per outlet, however its pages name it.

A site shows up as ``www.aljazeera.com`` in one page's address, "Al Jazeera" in another's
``og:site_name`` and in a third only in its own prompts ("Support Al Jazeera"); CNN serves
``edition.cnn.com`` and ``www.cnn.com``. Outlet templates and the report must put all of
these together, so:

1. The *key* of an outlet is its site label, the registrable domain without its public
   suffix (``edition.cnn.com`` -> ``cnn``, ``www.bbc.co.uk`` -> ``bbc``); a page without an
   address is keyed by the letters of its name, or by the key of a known site whose label
   the name spells.
2. A name *fits* a site label when the label is the name's words in order, each cut to a
   prefix (possibly empty): "Al Jazeera" fits ``aljazeera``, "The New York Times"
   ``nytimes``, "NBC 5 Dallas-Fort Worth" ``nbcdfw``; "CNN" does not fit ``aljazeera``, so a
   "Follow CNN" prompt on another site is never taken for its name.
3. A page's display name is the first of its names that fits its address, else the
   registrable domain; :func:`unify_outlets` then gives all pages of one key the same name.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from storyfuse.models import Article
from storyfuse.text import fold

# Second-level labels under which country domains sell names ("bbc.co.uk", "abc.net.au").
_GENERIC_SECOND_LEVEL = frozenset(
    {
        "co",
        "com",
        "net",
        "org",
        "gov",
        "edu",
        "ac",
        "or",
        "ne",
        "go",
        "gob",
        "gouv",
        "nic",
        "mil",
        "ltd",
        "plc",
    }
)
# Hosting platforms that give each customer a subdomain ("ana.blogspot.com"): like the public
# suffix list's private section, the customer's label is the site.
_HOSTING_SUFFIXES = frozenset(
    {"blogspot.com", "wordpress.com", "github.io", "gitlab.io", "substack.com", "medium.com", "tumblr.com"}
    | {"wixsite.com", "weebly.com", "netlify.app", "herokuapp.com", "pages.dev", "vercel.app", "free.fr"}
    | {"online.fr", "blogs.com", "typepad.com", "livejournal.com", "ghost.io", "neocities.org"}
)
# A web archive's copy of a page ("web.archive.org/web/20141108120159/http://site/..."): a
# capture stamp, an optional replay flag ("id_"), then the page's own address, whose slashes
# some archives collapse ("http:/site").
_ARCHIVED = re.compile(r"/\d{8,14}(?:[a-z]{2}_)?/(?P<scheme>https?):/+(?P<rest>[^/].*)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W_]+")
_LEADING_DOMAIN = re.compile(r"^([\w-]+\.[a-z]{2,})(?=[^\w.])", re.IGNORECASE)
_IP_HOST = re.compile(r"^[\d.]+$|:")


def original_url(url: str) -> str:
    """The address of the page itself when ``url`` is an archive's copy of it, else ``url``:
    the archive is where the page was fetched, not who published it.

    >>> original_url("http://web.archive.org/web/20141108120159/http://www.wkrn.com:80/story/2")
    'http://www.wkrn.com:80/story/2'
    >>> original_url("https://example.org/2024/01/02/story")
    'https://example.org/2024/01/02/story'
    """
    archived = _ARCHIVED.search(url)
    return f"{archived['scheme']}://{archived['rest']}" if archived else url


def registrable_domain(url: str) -> str | None:
    """The part of the host a site registers, the stable name of the site (of the archived page
    for an archive's copy).

    >>> registrable_domain("https://edition.cnn.com/2024/x"), registrable_domain("www.bbc.co.uk/news")
    ('cnn.com', 'bbc.co.uk')
    >>> registrable_domain("https://ana.blogspot.com/2024/01/post.html")
    'ana.blogspot.com'
    """
    url = original_url(url.strip())
    try:
        host = urlsplit(url if "://" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host.strip("."):
        return None
    host = host.strip(".").removeprefix("www.")
    if _IP_HOST.search(host):
        return host
    labels = host.split(".")
    country_name = len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL
    size = 3 if len(labels) >= 3 and (country_name or ".".join(labels[-2:]) in _HOSTING_SUFFIXES) else 2
    return ".".join(labels[-size:])


def site_label(url: str) -> str | None:
    """The registrable domain without its suffix, letters and digits only (the outlet key).

    >>> site_label("https://www.altiplano-daily.example/2024/02/07/landslide")
    'altiplanodaily'
    """
    domain = registrable_domain(url)
    if domain is None:
        return None
    label = "".join(_NAME_WORD.findall(fold(domain.split(".")[0])))
    return label or None


def _name_words(name: str) -> list[str]:
    return _NAME_WORD.findall(fold(name))


def fits_site(name: str, label: str) -> bool:
    """Whether ``label`` spells ``name``: its words in order, each cut to a prefix.

    >>> fits_site("The New York Times", "nytimes"), fits_site("CNN", "aljazeera")
    (True, False)
    """
    name_words = _name_words(name)
    if not label or not name_words:
        return False
    # reachable[j]: label[:j] is spelled by prefixes of the words seen so far
    reachable = [True] + [False] * len(label)
    for word in name_words:
        after = list(reachable)
        for j in range(len(label)):
            if not reachable[j]:
                continue
            k = 0
            while k < len(word) and j + k < len(label) and word[k] == label[j + k]:
                k += 1
                after[j + k] = True
        reachable = after
    return reachable[-1]


def outlet_name(names: Iterable[str], url: str | None) -> str | None:
    """A page's display name: the first of ``names`` that fits the page's address, else the
    registrable domain; without an address, the first name.

    >>> outlet_name(["Follow CNN", "Al Jazeera"], "https://www.aljazeera.com/news/x")
    'Al Jazeera'
    >>> outlet_name(["Follow CNN"], "https://www.aljazeera.com/news/x")
    'aljazeera.com'
    """
    names = [short for name in names if name and (short := _short_name(name))]
    label = site_label(url) if url else None
    if label is None:
        return names[0] if names else (registrable_domain(url) if url else None)
    fitting = next((name for name in names if fits_site(name, label)), None)
    return fitting or registrable_domain(url or "")


def _short_name(name: str) -> str:
    """A site name without the tagline some sites append ("KSLA News 12, Louisiana News Weather
    & Sports" -> "KSLA News 12", "wave3.com-Louisville News" -> "wave3.com")."""
    name = name.split(",", 1)[0].strip()
    domain = _LEADING_DOMAIN.match(name)
    return domain[1] if domain else name


def outlet_key(outlet: str | None, url: str | None, known: Iterable[str] = ()) -> str | None:
    """The identity of an article's outlet: its site label, or for a page without an address
    the ``known`` key its name spells, else the letters of its name.

    >>> outlet_key("Al Jazeera", None), outlet_key(None, "https://www.aljazeera.com/x")
    ('aljazeera', 'aljazeera')
    >>> outlet_key("The New York Times", None, known=["nytimes", "cnn"])
    'nytimes'
    """
    label = site_label(url) if url else None
    if label:
        return label
    if not outlet:
        return None
    letters = "".join(_name_words(outlet))
    if not letters:
        return None
    return next((key for key in sorted(known) if key != letters and fits_site(outlet, key)), letters)


def article_keys(articles: Sequence[Article | None]) -> list[str | None]:
    """:func:`outlet_key` of each article, pages without an address matched to the sites of
    the others."""
    known = {label for a in articles if a is not None and a.url and (label := site_label(a.url))}
    return [None if a is None else outlet_key(a.outlet, a.url, known) for a in articles]


def unify_outlets(articles: Sequence[Article]) -> list[Article]:
    """The articles with one display name per outlet key: the name most of its pages give
    that is not a bare domain (ties: the first seen), else the most common one.

    >>> def page(i, outlet, url):
    ...     return Article(str(i), f"{i}.html", ["Text."], outlet=outlet, url=url)
    >>> pages = [page(1, "Al Jazeera", "https://www.aljazeera.com/a"),
    ...          page(2, "aljazeera.com", "https://aljazeera.com/b"), page(3, "Al Jazeera", None)]
    >>> [a.outlet for a in unify_outlets(pages)]
    ['Al Jazeera', 'Al Jazeera', 'Al Jazeera']
    """
    keys = article_keys(articles)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for article, key in zip(articles, keys, strict=True):
        if key and article.outlet:
            names[key][article.outlet] += 1
    chosen: dict[str, str] = {}
    for key, counts in names.items():
        proper = [name for name in counts if not _is_domain(name)]
        pool = proper or list(counts)
        chosen[key] = max(pool, key=lambda name: counts[name])  # max keeps the first of a tie
    return [
        dataclasses.replace(article, outlet=chosen[key]) if key in chosen and article.outlet else article
        for article, key in zip(articles, keys, strict=True)
    ]


def _is_domain(name: str) -> bool:
    return "." in name and " " not in name.strip()
