"""Matching pairs for the editor: {{ }}, [[ ]], <ref>…</ref>, <!-- -->, nested and both ways."""

from __future__ import annotations

import pytest

from viewer.ui.brackets import match_at

TEXT = "a {{t|x=[[L|{{y}}]]}} <ref name=n>r {{c}}</ref> <!-- z --> <ref name=m/> }}"


@pytest.mark.parametrize(
    "token,other",
    [("{{t", "}} <ref"), ("[[L", "]]}}"), ("{{y", "}}]]"), ("<ref name=n>", "</ref>"), ("<!--", "-->")],
)
def test_opening_finds_its_closing(token, other):
    pos = TEXT.index(token)
    pair = match_at(TEXT, pos)
    assert pair is not None and pair.open_start == pos
    assert TEXT[pair.close_start :].startswith(other[:2])
    assert TEXT.index(other) == pair.close_start
    # and from the closing token back
    back = match_at(TEXT, pair.close_start)
    assert back == pair


def test_cursor_just_after_a_token_counts():
    pos = TEXT.index("</ref>") + len("</ref>")
    pair = match_at(TEXT, pos)
    assert TEXT[pair.open_start : pair.open_end] == "<ref name=n>"
    # a token starting at the cursor wins over one ending there
    pair = match_at(TEXT, TEXT.index("]]}}") + 2)
    assert TEXT[pair.open_start : pair.open_end] == "{{"


def test_unmatched_and_plain_text():
    assert match_at(TEXT, TEXT.rindex("}}")) is None  # the stray closer at the end
    assert match_at(TEXT, 0) is None
    assert match_at(TEXT, TEXT.index("<ref name=m/>")) is None  # self-closing: no pair
