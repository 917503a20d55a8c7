from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyfuse import text as text_module
from storyfuse.text import fold, normalized, split_sentences, tidy, words


def test_tidy_unifies_quotes_dashes_and_spaces_but_keeps_lines() -> None:
    assert tidy("\u201cWe act\u201d \u2014  she\u00a0said\nNext") == '"We act" - she said\nNext'


def test_fold_and_normalized_ignore_case_accents_and_punctuation() -> None:
    assert fold("H\u00fcrriyet\u2019s") == "hurriyet's"
    assert normalized("Choe Son-hui said: \u201cVictory!\u201d") == normalized('choe son-hui said "victory"')
    assert words("8,000 troops, 3.5 km") == ["8", "000", "troops", "3.5", "km"]


def test_quotations_of_several_sentences_stay_one_unit() -> None:
    text = '"Our first duty is to the families. Our second is to reopen the line," Morozov said. Crews left.'
    assert split_sentences(text) == [
        '"Our first duty is to the families. Our second is to reopen the line," Morozov said.',
        "Crews left.",
    ]
    curly = "\u201cWe act. We must,\u201d he said. Next one."
    assert split_sentences(curly) == ["\u201cWe act. We must,\u201d he said.", "Next one."]


def test_titles_before_names_do_not_end_sentences() -> None:
    text = "Rep. Jane Doe (D-Ohio) said the bridge will close. Lt. Col. Ray Fox agreed."
    assert split_sentences(text) == [
        "Rep. Jane Doe (D-Ohio) said the bridge will close.",
        "Lt. Col. Ray Fox agreed.",
    ]
    assert split_sentences('He said "yes." Then he left.') == ['He said "yes."', "Then he left."]


def test_an_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = 'He called it "a disgrace. ' + " ".join(f"Point {i} was made." for i in range(10))
    assert len(split_sentences(text)) >= 6


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_sentences_keep_every_word_in_order(paragraph: str) -> None:
    joined = " ".join(split_sentences(paragraph))
    assert words(joined) == words(paragraph.strip())


_ONE_SENTENCE = st.text(
    alphabet=st.sampled_from(list("abcdefghij KLMNOP0123456789,-'\"\u2019\u201c\u201d:%$")),
    min_size=1,
    max_size=120,
).map(lambda body: body + ".")


@given(_ONE_SENTENCE)
def test_paragraph_without_inner_stops_splits_as_the_segmenter_does(paragraph: str) -> None:
    assert text_module._split(paragraph) == text_module._segment(paragraph.strip())


def test_inner_stops_still_go_through_the_segmenter() -> None:
    assert split_sentences("Police came. The road was shut (for hours) on Monday.") == [
        "Police came.",
        "The road was shut (for hours) on Monday.",
    ]
