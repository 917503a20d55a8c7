"""The fixed vocabulary of removal reasons.

Every :class:`storyfuse.models.Removed` entry written by the cleaner carries one of these strings,
so later stages, reports and evaluations can count and filter removals by kind without parsing
free text.
"""

from __future__ import annotations

NAVIGATION = "navigation"
SUBSCRIPTION = "subscription prompt"
DONATION = "donation appeal"
SIGN_IN = "sign-in prompt"
NEWSLETTER = "newsletter"
SHARE = "share/comment"
COOKIE = "cookie notice"
ADVERT = "advertisement"
RELATED = "related link"
SUBHEADING = "subheading"
CAPTION = "caption"
PHOTO_CREDIT = "photo credit"
COPYRIGHT = "copyright"
DUPLICATE = "duplicate paragraph"
HEADLINE = "headline"
STANDFIRST = "standfirst"
BYLINE = "byline"
AGENCY_CREDIT = "agency credit"
DATELINE = "dateline"
DATE_LINE = "date line"
URL_LINE = "url line"
TEMPLATE = "outlet template"
MARKUP = "markup"
UNREAD = "over size cap"
"""Not source text: the entry says how much of an oversized page was cut before cleaning."""

ALL_REASONS = frozenset(
    {
        NAVIGATION,
        SUBSCRIPTION,
        DONATION,
        SIGN_IN,
        NEWSLETTER,
        SHARE,
        COOKIE,
        ADVERT,
        RELATED,
        SUBHEADING,
        CAPTION,
        PHOTO_CREDIT,
        COPYRIGHT,
        DUPLICATE,
        HEADLINE,
        STANDFIRST,
        BYLINE,
        AGENCY_CREDIT,
        DATELINE,
        DATE_LINE,
        URL_LINE,
        TEMPLATE,
        MARKUP,
        UNREAD,
    }
)

PROMPT_REASONS = frozenset({SUBSCRIPTION, DONATION, SIGN_IN, NEWSLETTER, SHARE, COOKIE})
"""Reader-facing prompts: a run of them near the end of a page is removed as one block."""
