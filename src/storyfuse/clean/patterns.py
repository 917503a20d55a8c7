"""What a single block looks like: prose, a prompt, a credit, a metadata line.

These checks see one block and no context; :mod:`storyfuse.clean.boilerplate` combines them with
the block's position on the page. Prompts are recognised by vocabulary *and* by the way they
address the reader (imperatives, "you", "our"), because body paragraphs also say "subscribe" or
"comment": a paragraph that reports speech ("said", "told") is never taken for a prompt.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyfuse.clean import reasons
from storyfuse.clean.blocks import Block
from storyfuse.clean.metadata import (
    AGENCY_PATTERN,
    agencies_in,
    agency_of_credit,
    dateline_place,
    find_date,
)

_TERMINAL = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]*_\u300d\u300f\uff09]*$")
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")

PROSE_MIN_WORDS = 8
LONG_MIN_WORDS = 22


@functools.lru_cache(maxsize=2048)
def word_count(text: str) -> int:
    """Words in ``text``; scripts written without spaces count about one word per two characters.

    Cached: every rule asks it of the same lines of a page; a small cache holds one page's
    lines without keeping earlier pages' text alive.

    >>> word_count("Port shut"), word_count("\u6e2f\u304c\u9589\u9396\u3055\u308c\u305f")
    (2, 4)
    """
    spaced = len(text.split())
    if text.isascii():
        return spaced
    wide = len(_WIDE_SCRIPT.findall(text))
    return spaced + wide // 2 if wide else spaced


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (final stop, possibly inside quotes)."""
    return bool(_TERMINAL.search(text))


def is_prose(text: str) -> bool:
    """Running text: a full sentence of some length, or a long passage.

    >>> is_prose("Officials said the bridge would reopen on Monday after repairs."), is_prose("Latest news")
    (True, False)
    """
    n = word_count(text)
    return n >= LONG_MIN_WORDS or (n >= PROSE_MIN_WORDS and ends_sentence(text))


def is_headline_like(text: str) -> bool:
    """A short line without sentence punctuation: a title, a teaser, a menu entry or a label."""
    n = word_count(text)
    return 0 < n < LONG_MIN_WORDS and not ends_sentence(text) and not text.endswith((":", ","))


def _cues(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of the whole-word ``alternatives``."""
    return re.compile("|".join(rf"\b{a}\b" if not a.startswith("^") else a for a in alternatives))


_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        reasons.DONATION,
        _cues(
            r"donat(?:e|es|ed|ion|ions|ing)",
            r"support us",
            r"support(?:ing)? (?:our|independent|quality|free)"
            r" (?:journalism|work|reporting|newsroom|media|press)",
            r"supporting\b[^.]{0,60}\bjournalism",
            r"contributions?",
            r"contribute",
            r"dear (?:reader|readers|friend|friends)",
            r"remind me later",
            r"a message from",
            r"make a (?:gift|donation)",
            r"chip in",
            r"become a (?:member|patron|supporter)",
            r"patreon",
            r"paypal",
        ),
    ),
    (
        reasons.NEWSLETTER,
        _cues(
            r"newsletters?", r"inbox", r"email (?:updates|alerts)", r"sign[- ]up (?:for|to)", r"sign[- ]up"
        ),
    ),
    (
        reasons.SUBSCRIPTION,
        _cues(
            r"subscri(?:be|bed|ber|bers|bing|ption|ptions)",
            r"paywall",
            r"free trial",
            r"unlimited (?:digital )?access",
            r"premium",
            r"members?[- ]only",
            r"unlock",
            r"to continue reading",
            r"free (?:stories|articles)",
            r"(?:additional|exclusive|member|premium) benefits",
            r"gift (?:a|an) (?:subscription|article)",
            r"read (?:\d+|unlimited) (?:free )?(?:articles|stories)",
        ),
    ),
    (
        reasons.SIGN_IN,
        _cues(
            r"sign[- ]?in",
            r"log[- ]?in",
            r"log[- ]?out",
            r"registered (?:user|member|reader|account)s?",
            r"register (?:now|here|for free|to|and|with)",
            r"create (?:an|a free|your) account",
            r"your account",
            r"forgot (?:your )?password",
            r"logged[- ]in",
            r"my account",
        ),
    ),
    (
        reasons.SHARE,
        _cues(
            r"share (?:this|on|the|article|story|via|your)",
            r"^share\b",
            r"comments?",
            r"commenting",
            r"community guidelines",
            r"leave a (?:comment|reply)",
            r"join the (?:conversation|discussion)",
            r"follow us",
            r"connect with us",
            r"(?:facebook|twitter|whatsapp|telegram|linkedin|instagram|youtube)",
            r"copy link",
            r"print (?:this|article)",
            r"e-?mail this",
            r"bookmark",
            r"save (?:stories|articles|for later|to read later)",
        ),
    ),
    (
        reasons.COOKIE,
        _cues(
            r"cookies?",
            r"privacy (?:policy|settings|notice|preferences)",
            r"accept all",
            r"consent",
            r"terms (?:of|and) (?:use|service|conditions)",
            r"ad ?blocker",
            r"disable your",
        ),
    ),
)
# Cheap substring test (one regex scan) run before the family patterns: almost all body
# paragraphs fail it.
_CUE_STEMS = (
    "subscri",
    "donat",
    "support",
    "contribut",
    "dear",
    "remind",
    "message",
    "gift",
    "chip",
    "member",
    "patreon",
    "paypal",
    "paywall",
    "trial",
    "unlimited",
    "premium",
    "unlock",
    "continu",
    "free",
    "benefits",
    "sign",
    "log",
    "regist",
    "account",
    "password",
    "newsletter",
    "inbox",
    "mail",
    "share",
    "comment",
    "communit",
    "leave",
    "join",
    "follow",
    "connect",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "instagram",
    "youtube",
    "copy",
    "print",
    "bookmark",
    "save",
    "cookie",
    "privacy",
    "accept",
    "consent",
    "terms",
    "blocker",
    "disable",
)
_CUE_STEM = re.compile("|".join(_CUE_STEMS))
# Per family, substrings that every one of its cues contains: a family none of whose stems is
# in the text has no cue there, and its pattern (a slow scan: cues start with a word
# boundary, so the regex engine tries every alternative at every position) is not run.
_FAMILY_STEMS = {
    reasons.DONATION: ("donat", "support", "contribut", "dear", "remind", "message", "make a", "chip"),
    reasons.NEWSLETTER: ("newsletter", "inbox", "email", "sign"),
    reasons.SUBSCRIPTION: ("subscri", "paywall", "free", "unlimited", "premium", "member", "unlock"),
    reasons.SIGN_IN: ("sign", "log", "regist", "account", "forgot"),
    reasons.SHARE: ("share", "comment", "communit", "leave", "join", "follow", "connect", "copy", "print"),
    reasons.COOKIE: ("cookie", "privacy", "accept", "consent", "terms", "blocker", "disable"),
}
_FAMILY_STEMS[reasons.DONATION] += ("become", "patreon", "paypal")
_FAMILY_STEMS[reasons.SUBSCRIPTION] += ("continu", "benefits", "gift", "read")
_FAMILY_STEMS[reasons.SHARE] += ("facebook", "twitter", "whatsapp", "telegram", "linkedin", "instagram")
_FAMILY_STEMS[reasons.SHARE] += ("youtube", "mail", "bookmark", "save")
_READER = re.compile(r"\b(?:you|your|you're|yours|we|our|us|we're|we've)\b")
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:subscribe|sign|log|register|donate|support|join|follow|share|click|tap|get|download"
    r"|create|become|give|contribute|help|comment|send|email|e-mail|listen|watch|like|tweet|accept|manage"
    r"|continue|enjoy|unlock|remind|gift|access|save|read|try|start|upgrade|choose|see|view|load|show)\b"
)
_REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|according to|stated|announced|reported|added|asked|wrote)\b"
)
_PROMPT_MAX_WORDS = 90
_SHORT_PROMPT_WORDS = 6
_ONE_CUE_MAX_WORDS = 30


def prompt_reason(text: str) -> str | None:
    """The prompt family of a block that asks something of the reader, or ``None``.

    >>> prompt_reason("Sign up for our morning newsletter."), prompt_reason("He declined to comment.")
    ('newsletter', None)
    """
    n = word_count(text)
    if n == 0 or n > _PROMPT_MAX_WORDS:
        return None
    folded = text.lower().replace("\u2019", "'")
    if not _CUE_STEM.search(folded):
        return None
    if n > _SHORT_PROMPT_WORDS and _REPORTED_SPEECH.search(folded):
        return None
    # The cheap tests of tone come before counting cues family by family.
    imperative = bool(_IMPERATIVE.match(folded))
    if n <= _SHORT_PROMPT_WORDS:
        convincing = imperative or not ends_sentence(text) or bool(_READER.search(folded))
    elif n <= _ONE_CUE_MAX_WORDS:
        convincing = imperative or bool(_READER.search(folded))
    else:
        convincing = bool(_READER.search(folded))
    if not convincing:
        return None
    hits = {
        family: len(pattern.findall(folded)) if any(stem in folded for stem in _FAMILY_STEMS[family]) else 0
        for family, pattern in _FAMILIES
    }
    total = sum(hits.values())
    if total == 0 or (n > _ONE_CUE_MAX_WORDS and total < 2):
        return None
    return max(hits, key=lambda family: hits[family])


_RELATED = re.compile(
    r"^(?:also read|read also|also see|see also|read more|more from|more on this(?: story)?|related"
    r"(?: articles?| stories| story| topics| coverage| news| content| reading| links?| posts?| videos?)?"
    r"|recommended(?: for you| stories| articles)?|you (?:may|might) also like|don't miss|do not miss"
    r"|must read|top (?:news|stories)(?: today)?|trending(?: now| stories)?|most (?:read|popular|viewed)"
    r"|latest(?: news| stories)?|more stories|further reading|editor's picks?|watch|listen|explained"
    r"|in pictures|in photos|opinion|analysis|video|photos|live updates?|more news|next article"
    r"|previous article|up next|keep reading)\s*(?:[:|>\u00bb\u2014\u2013-]|$)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"\u00a9|\(c\)\s*(?:19|20)\d{2}|\bcopyright\b|\ball rights reserved\b"
    r"|\bmay not be (?:published|reproduced|redistributed|broadcast)",
    re.IGNORECASE,
)
_PHOTO_LABEL = re.compile(
    r"(?:^|[|\u2022(])\s*(?:photo|photos|photograph|image|images|picture|pictures|illustration|video|graphic"
    r"|file photo|credit|photo credit|image credit|image source|source image|representative image"
    r"|representational image|photo courtesy)s?\s*(?:credit|by)?\s*[:|/]",
    re.IGNORECASE,
)
_PHOTO_BY = re.compile(r"^\(?(?:photo|image|picture|video)s?\s+(?:by|courtesy(?: of)?)\s", re.IGNORECASE)
_PHOTO_AGENCY = re.compile(
    r"\b(?:Getty Images|Getty|Shutterstock|Alamy|iStock(?:photo)?|EPA(?:-EFE)?|Sputnik|ANP|Wikimedia Commons"
    r"|Unsplash|Pexels|Pool|Handout|" + AGENCY_PATTERN + r")\b"
)
_FILE_SUFFIX = re.compile(
    r"[.!?)\]]\s*\(?(?:file|file photo|file image|representational image|representative image|photo|image"
    r"|archive|illustration)\)?\s*\.?$",
    re.IGNORECASE,
)
_NAME_SLASH_CREDIT = re.compile(
    r"(?:^|[.!?]\s)\(?[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3}\s?/\s?[A-Z][\w\- ]{1,30}\)?$"
)
_AGENCY_SLASH_NAME = re.compile(r"\b[A-Z]{2,}/[A-Z][a-z]+(?: [A-Z][a-z]+)*\)?\.?$")
_READING_TIME = re.compile(
    r"^\d+\s*(?:min|mins|minutes?)(?:\s+read|\s+ago)?$|^\d+\s+(?:hours?|days?)\s+ago$", re.I
)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|advert|promoted(?: content)?|paid content"
    r"|scroll to continue(?: with content)?|story continues below(?: advertisement)?|continue reading below"
    r"|article continues (?:below|after (?:this )?advertisement))\W*$",
    re.IGNORECASE,
)


def _might_be_copyright(text: str) -> bool:
    lowered = text.lower()
    return any(cue in lowered for cue in ("\u00a9", "(c)", "copyright", "rights reserved", "may not be"))


def _is_short_list(text: str, separator: str) -> bool:
    parts = [p.strip() for p in text.split(separator)]
    return len(parts) >= 3 and all(0 < word_count(p) <= 5 for p in parts) and not ends_sentence(text)


def credit_only_reason(text: str) -> str | None:
    """Lines that are nothing but a photo credit."""
    n = word_count(text)
    if n <= 12 and ((_has_label_mark(text) and _PHOTO_LABEL.search(text)) or _PHOTO_BY.match(text)):
        return reasons.PHOTO_CREDIT
    if n <= 8 and "/" in text and not ends_sentence(text) and _PHOTO_AGENCY.search(text):
        return reasons.PHOTO_CREDIT
    return None


def caption_reason(block: Block) -> str | None:
    """A photo caption recognised by its own cues: a credit or a "File" tag at its end."""
    text = block.text
    n = word_count(text)
    if n > 60:
        return None
    if block.image:
        return reasons.CAPTION
    if block.credit and block.credit != text and (_PHOTO_AGENCY.search(block.credit) or "/" in block.credit):
        return reasons.CAPTION
    if n > 4 and _has_label_mark(text) and _PHOTO_LABEL.search(text):
        return reasons.CAPTION
    if _FILE_SUFFIX.search(text):
        return reasons.CAPTION
    if "/" not in text:  # the credit patterns below need a slash: skip their scans
        return None
    if _AGENCY_SLASH_NAME.search(text):
        return reasons.CAPTION
    if _NAME_SLASH_CREDIT.search(text) and _PHOTO_AGENCY.search(text.rsplit("/", 1)[-1]):
        return reasons.CAPTION
    return None


def _has_label_mark(text: str) -> bool:
    """Whether ``text`` holds one of the marks a photo label ends with ("Photo: ...")."""
    return ":" in text or "|" in text or "/" in text


def chrome_reason(block: Block) -> str | None:
    """The reason a block is page furniture whatever its position, or ``None``.

    >>> chrome_reason(Block("Also read: Storm closes the port"))
    'related link'
    """
    text = block.text
    if block.markup:
        return block.markup
    if not _LETTER.search(text):
        return reasons.NAVIGATION
    if _ADVERT.match(text):
        return reasons.ADVERT
    if _RELATED.match(text):
        return reasons.RELATED
    if _READING_TIME.match(text):
        return reasons.NAVIGATION
    n = word_count(text)
    if n <= 40 and _might_be_copyright(text) and _COPYRIGHT.search(text):
        return reasons.COPYRIGHT
    reason = credit_only_reason(text) or caption_reason(block) or prompt_reason(text)
    if reason:
        return reason
    if _is_short_list(text, " / ") or _is_short_list(text, " | ") or _is_short_list(text, " \u2022 "):
        return reasons.NAVIGATION
    return None


@dataclass(slots=True)
class MetaLine:
    """A block that states metadata instead of telling the story."""

    reason: str
    published: str | None = None
    url: str | None = None
    byline: str | None = None
    agency: str | None = None
    dateline: str | None = None
    url_label: bool = False


_URL_ONLY = re.compile(r"^<?((?:https?://|www\.)\S+?)>?$")
_URL_LABEL = re.compile(
    r"^(?:original|source|canonical|article|story|permalink|read the original)\s*(?:url|link|article|story)?"
    r"\s*[:\-]?\s*(?P<url><?(?:https?://|www\.)\S+>?)?$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?P<label>published|updated|last updated|first published|posted|modified|date|created|issued)"
    r"(?:\s+(?:on|at))?\s*[:\-\u2013\u2014|]?\s*",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DATE_LEFTOVER = re.compile(
    r"^(?:" + _WEEKDAY + r"|[\s,|\-\u2013\u2014:/]|ist|gmt|utc|updated|published|on|at|hrs|hours|am|pm)*$",
    re.IGNORECASE,
)
_PLACE_AFTER_DATE = re.compile(r"^\s*[\-\u2013\u2014|,]\s*(?P<place>[A-Z][\w .'\-]{1,40})$")
_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by|story by|text by|additional reporting by|compiled by)"
    r"\s+(?P<name>.+)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w.'\-]*|and|&|de|da|van|von|der|al|el|bin|la|le|of|the|in|,)$"
)


def _byline_name(text: str) -> str | None:
    match = _BYLINE.match(text)
    if not match or word_count(text) > 16:
        return None
    name = match.group("name").strip(" .")
    tokens = re.sub(r"[,|;/]", " , ", name).split()
    named = [t for t in tokens if t != ","]
    if not named or len(named) > 12:
        return None
    first_part = re.split(r"\s*[|;,\u2014\u2013]\s*|\s+-\s+", name)[0].split()
    if all(_NAME_WORD.match(t) for t in first_part) and first_part[0][0].isupper():
        return name
    return None


def meta_line(text: str) -> MetaLine | None:
    """Recognise url, date, byline and agency-credit lines and read their values.

    >>> meta_line("Published - November 01, 2024 03:39 pm IST - Moscow").dateline
    'Moscow'
    """
    n = word_count(text)
    if n == 0 or n > 20:
        return None
    url_only = _URL_ONLY.match(text)
    if url_only:
        return MetaLine(reasons.URL_LINE, url=url_only.group(1))
    label = _URL_LABEL.match(text)
    if label:
        url = label.group("url")
        return MetaLine(reasons.URL_LINE, url=url.strip("<>") if url else None, url_label=True)
    agency = agency_of_credit(text)
    if agency:
        byline = agency if _BYLINE.match(text) else None
        return MetaLine(reasons.AGENCY_CREDIT, agency=agency, byline=byline)
    name = _byline_name(text)
    if name:
        found = agencies_in(name)
        return MetaLine(reasons.BYLINE, byline=name, agency=found[0] if found else None)
    return _date_line(text)


def _date_line(text: str) -> MetaLine | None:
    labelled = _DATE_LABEL.match(text)
    found = find_date(text)
    if not found:
        return None
    value, match = found
    leftover = text[: match.start()] + " " + text[match.end() :]
    if labelled:
        leftover = leftover.replace(labelled.group(0), " ", 1)
    rest = text[match.end() :]
    place = _PLACE_AFTER_DATE.match(rest)
    if place and _DATE_LEFTOVER.match(
        text[: match.start()].replace(labelled.group(0) if labelled else "", "")
    ):
        return MetaLine(reasons.DATE_LINE, published=value, dateline=dateline_place(place.group("place")))
    if not _DATE_LEFTOVER.match(leftover.strip()):
        return None
    is_update = bool(labelled and "updat" in labelled.group("label").lower()) or "modif" in text.lower()
    return MetaLine(reasons.DATE_LINE, published=None if is_update else value)
