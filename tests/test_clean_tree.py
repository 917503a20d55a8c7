"""Tree edits on plain lxml elements keep the page's text in reading order."""

from __future__ import annotations

from lxml import etree

from storyfuse.clean.tree import drop_tag, drop_tree, text_of


def _body(markup: str) -> etree._Element:
    root = etree.fromstring(f"<html><body>{markup}</body></html>", etree.HTMLParser())
    return root.find("body")


def test_drop_tree_removes_the_element_and_keeps_the_text_after_it() -> None:
    body = _body("<p>Start <span>ad</span> middle <b>x</b> end</p>")
    paragraph = body.find("p")
    drop_tree(paragraph.find("span"))
    assert text_of(paragraph) == "Start  middle x end"
    drop_tree(paragraph.find("b"))
    assert text_of(paragraph) == "Start  middle  end"
    first = _body("<p><i>gone</i> kept</p>").find("p")
    drop_tree(first.find("i"))
    assert text_of(first) == " kept"


def test_drop_tag_unwraps_the_element_in_place() -> None:
    body = _body("<div>A <form>B <p>C</p> D</form> E</div>")
    div = body.find("div")
    drop_tag(div.find("form"))
    assert div.find("form") is None and div.find("p") is not None
    assert text_of(div) == "A B C D E"
    empty = _body("<div>A <label></label> Z</div>").find("div")
    drop_tag(empty.find("label"))
    assert text_of(empty) == "A  Z"


def test_detached_elements_are_left_alone() -> None:
    element = etree.Element("p")
    drop_tree(element)
    drop_tag(element)
    assert element.tag == "p"
