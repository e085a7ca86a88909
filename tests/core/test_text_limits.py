"""Texts over the core's length limit: the outline reads the beginning, convert refuses."""

from __future__ import annotations

import pytest

from viewer.api import convert, outline
from viewer.wikitext.limits import MAX_TEXT_CHARS, TextTooLong


def test_outline_of_a_text_over_the_limit_covers_its_beginning():
    line = "正文。" * 30 + "\n"
    text = "== 一 ==\n" + line * (MAX_TEXT_CHARS // len(line) + 10) + "== 末 ==\n"
    result = outline(text)
    assert result.truncated_at is not None and result.truncated_at <= MAX_TEXT_CHARS
    assert text[result.truncated_at - 1] == "\n"  # cut at a line's end
    assert [s.title for s in result.sections] == ["一"]
    assert result.to_json("a.wiki")["truncated_at"] == result.truncated_at
    assert "truncated_at" not in outline("== a ==\n").to_json("a.wiki")


def test_convert_refuses_a_text_over_the_limit_with_a_clear_message():
    with pytest.raises(TextTooLong, match="split it into smaller files"):
        convert("汉" * (MAX_TEXT_CHARS + 1), "zh-tw")
    assert convert("汉字", "zh-tw") == "漢字"
