"""The cheap tests that let the cleaner skip slow scans must never change an answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from storyfuse.clean import reasons
from storyfuse.clean.blocks import Block
from storyfuse.clean.metadata import agency_of_credit
from storyfuse.clean.patterns import _FAMILIES, _FAMILY_STEMS, caption_reason, credit_only_reason
from storyfuse.clean.tree import text_of
from storyfuse.text import fold

# One phrase for every alternative of every prompt family, as a reader sees them (folded).
CUE_PHRASES = [
    "donate",
    "donations",
    "support us",
    "supporting independent journalism",
    "supporting the best of local journalism",
    "contributions",
    "contribute",
    "dear readers",
    "remind me later",
    "a message from",
    "make a gift",
    "chip in",
    "become a patron",
    "patreon",
    "paypal",
    "newsletters",
    "inbox",
    "email alerts",
    "sign-up for",
    "sign up",
    "subscribers",
    "paywall",
    "free trial",
    "unlimited digital access",
    "premium",
    "members-only",
    "unlock",
    "to continue reading",
    "free stories",
    "exclusive benefits",
    "gift an article",
    "read 5 free articles",
    "read unlimited stories",
    "sign in",
    "login",
    "log-out",
    "registered users",
    "register now",
    "create a free account",
    "your account",
    "forgot your password",
    "logged-in",
    "my account",
    "share this",
    "share",
    "comments",
    "commenting",
    "community guidelines",
    "leave a reply",
    "join the discussion",
    "follow us",
    "connect with us",
    "whatsapp",
    "youtube",
    "copy link",
    "print article",
    "e-mail this",
    "bookmark",
    "save for later",
    "cookies",
    "privacy settings",
    "accept all",
    "consent",
    "terms and conditions",
    "ad blocker",
    "disable your",
]


def test_every_cue_of_a_family_holds_one_of_its_stems() -> None:
    found = 0
    for family, pattern in _FAMILIES:
        for phrase in CUE_PHRASES:
            for match in pattern.finditer(phrase):
                found += 1
                assert any(stem in match.group(0) for stem in _FAMILY_STEMS[family]), (family, phrase)
    assert found >= len(CUE_PHRASES)  # every phrase is a cue of some family


@given(st.lists(st.sampled_from([*CUE_PHRASES, "the", "port", "you", "our", "said", "."]), max_size=12))
def test_family_stems_never_hide_a_cue(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for family, pattern in _FAMILIES:
        if pattern.search(text):
            assert any(stem in text for stem in _FAMILY_STEMS[family]), family


def test_text_of_matches_the_xpath_string_value() -> None:
    markup = "<div>Port <!-- note --><b>shut</b> &amp; <?pi x?><script>var a;</script><p>calm</p>!</div>tail"
    root = etree.fromstring(f"<html><body>{markup}</body></html>", etree.HTMLParser())
    div = root.find(".//div")
    assert text_of(div) == str(div.xpath("string()")) == "Port shut & var a;calm!"


def test_fold_of_curly_quotes_and_accents() -> None:
    assert fold("Port\u2019s \u201cshut\u201d \u2013 now") == 'port\'s "shut" - now'
    assert fold("H\u00fcrriyet\u2019s caf\u00e9") == "hurriyet's cafe"


def test_credit_trailers_and_slash_credits_are_still_read() -> None:
    assert agency_of_credit("AFP contributed to this report") == "AFP"
    assert agency_of_credit("Reuters staff") == "Reuters"
    assert agency_of_credit("The Associated Press contributed reporting") == "AP"
    assert agency_of_credit("Crews reported a leak") is None
    assert (
        caption_reason(Block("Rescuers search the rubble in the old town. REUTERS/Jane Doe"))
        == reasons.CAPTION
    )
    assert caption_reason(Block("Rescuers search the rubble in the old town on Monday.")) is None
    assert credit_only_reason("Photo: Jane Doe") == reasons.PHOTO_CREDIT
