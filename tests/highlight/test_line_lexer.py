"""The line lexer: it covers every line exactly, agrees with lexing the whole text, resumes from
any line's state, and refines the types an editor colours apart."""

from __future__ import annotations

import pytest
from pygments.token import Comment, Generic, Keyword, Name, Operator, Punctuation, Text

from tests.highlight.conftest import line_types, load_cases, whole_text_types
from viewer.wikitext.highlight import (
    LINK_TARGET,
    LINK_TEXT,
    NOWIKI_TEXT,
    REF_PUNCTUATION,
    REF_TAG,
    TABLE_PUNCTUATION,
    TEMPLATE_NAME,
    TEMPLATE_PUNCTUATION,
    Fridge,
    LineLexer,
    base_type,
    iter_lines,
)

CASES = load_cases()


def _texts(sample_text: str) -> dict[str, str]:
    return {"sample": sample_text, **CASES}


def _spans_by_text(text: str) -> list[tuple[str, object]]:
    """(token text, type) of every span, line by line."""
    out = []
    lines = text.split("\n")
    for (offset, tokens), line in zip(iter_lines(LineLexer(), text), lines, strict=True):
        out.extend((line[start : start + length], token) for start, length, token in tokens.spans)
    return out


@pytest.mark.parametrize("name", ["sample", *CASES])
def test_spans_cover_each_line_exactly(name, sample_text):
    """Every line's spans are in order, touch, and their texts concatenate to the line."""
    text = _texts(sample_text)[name]
    lines = text.split("\n")
    for (offset, tokens), line in zip(iter_lines(LineLexer(), text), lines, strict=True):
        position = 0
        for start, length, _ in tokens.spans:
            assert start == position and length > 0, (line, tokens.spans)
            position += length
        assert position == len(line)
        assert "".join(line[s : s + n] for s, n, _ in tokens.spans) == line


@pytest.mark.parametrize("name", ["sample", *CASES])
def test_line_types_equal_whole_text_types(name, sample_text):
    """Each character's type equals the whole-text lexer's; whitespace may be plain Text where the
    whole-text lexer folded it into a neighbouring token (documented in the module)."""
    text = _texts(sample_text)[name]
    whole, by_line = whole_text_types(text), line_types(text)
    for index, (expected, got) in enumerate(zip(whole, by_line, strict=True)):
        char = text[index]
        if char == "\n":
            assert got is None
        elif char.isspace() and got != expected:
            assert got in Text, (index, char, expected, got)
        else:
            assert got == expected, (index, text[max(0, index - 20) : index + 20], expected, got)


def test_sample_needs_few_states(sample_text):
    """The sample's lines end in a handful of states: block states stay small ints."""
    lexer = LineLexer()
    states = {tokens.end_state for _, tokens in iter_lines(lexer, sample_text)}
    assert max(states) < 16


def test_lexing_resumes_from_any_line_state(sample_text):
    """Lexing from a line's stored start state gives what lexing from the top gave."""
    lexer = LineLexer()
    lines = sample_text.split("\n")
    results = list(iter_lines(lexer, sample_text))
    starts = [lexer.start_state] + [tokens.end_state for _, tokens in results[:-1]]
    for index in range(0, len(lines), 7):
        assert lexer.lex_line(lines[index], starts[index]) == results[index][1]


def test_a_template_over_lines_is_a_template_on_every_line():
    """``{{Infobox`` then ``| name = value`` lines: the ``|`` on the next line keeps the template."""
    spans = _spans_by_text(CASES["infobox"])
    assert ("Infobox", TEMPLATE_NAME) in spans
    assert (" conflict ", Name.Label) in spans and ("date", Name.Label) in spans
    assert ("}}", TEMPLATE_PUNCTUATION) in spans
    assert ("after", Text) in spans


def test_a_comment_over_lines_is_a_comment_on_every_line():
    spans = _spans_by_text(CASES["comment-over-lines"])
    assert spans[2:5] == [
        ("<!-- x", Comment.Multiline),
        ("y ''not italic''", Comment.Multiline),
        ("z -->", Comment.Multiline),
    ]
    assert ("''", Generic.Emph) in spans[5:]


def test_a_code_block_is_lexed_in_its_language_until_its_closing_tag():
    spans = _spans_by_text(CASES["syntaxhighlight"])
    assert ("def", Keyword) in spans
    assert ("'''x'''", Text) not in spans  # a Python string, not wikitext bold
    assert any(token in Name.Tag and value == "syntaxhighlight" for value, token in spans[-6:])
    assert ("after", Generic.Emph) in spans


def test_redirect_only_on_the_first_line():
    spans = _spans_by_text(CASES["redirect"])
    assert spans[0] == ("#REDIRECT", Keyword)
    assert ("REDIRECT", Text) in spans  # on the second line: "#" is a list bullet


@pytest.mark.parametrize(
    ("snippet", "value", "whole_text_type"),
    [
        # a parameter name whose "=" is on a later line than its "|"
        ("{{quote|a\nb = c}}", "a", Name.Label),
        # a {{{parameter}}} broken over lines
        ("{{{1\n}}}", "}}}", Punctuation),
        # a closing tag whose ">" is on a later line
        ("</div\n>", "</div", Punctuation),
        # a <gallery> never closed: the whole-text lexer gives up at the end of its first line
        ("<gallery>\nA.jpg|''x''", "''x''", Generic.Emph),
    ],
)
def test_documented_differences_from_the_whole_text_lexer(snippet, value, whole_text_type):
    """Where later lines decide what an earlier one is, the line lexer cannot know; it types the
    text plainly instead (the module docstring lists these cases)."""
    whole = whole_text_types(snippet)
    index = snippet.index(value)
    assert whole[index] in whole_text_type
    assert line_types(snippet)[index] is Text


def test_refined_types_tell_templates_links_tags_and_refs_apart():
    spans = _spans_by_text(CASES["refs"] + "\n" + CASES["nested-templates"] + "\n" + CASES["table"])
    assert ("cite", TEMPLATE_NAME) in spans and ("web", TEMPLATE_NAME) in spans
    assert ("ref", REF_TAG) in spans and (">", REF_PUNCTUATION) in spans and ("/>", REF_PUNCTUATION) in spans
    assert ("f", LINK_TARGET) in spans and ("b", LINK_TARGET) in spans
    assert ("g", LINK_TEXT) in spans and ("c", LINK_TEXT) in spans  # [[f|g]], [[b|c]]
    assert ("|", TEMPLATE_PUNCTUATION) in spans
    assert ("{|", TABLE_PUNCTUATION) in spans and ("||", TABLE_PUNCTUATION) in spans
    nowiki = _spans_by_text(CASES["nowiki-over-lines"])
    assert ("{", NOWIKI_TEXT) in nowiki
    for _, token in spans + nowiki:  # each refined type stands for a Pygments type
        assert token in base_type(token)


def test_garbage_never_raises_and_keeps_the_text():
    text = "{{[[<ref <!-- ''' -{ }} ]] </ref> {| |} \x00 \ufffd 𨭎 <syntaxhighlight lang=> <score lang=x>\n" * 3
    assert "\n".join("".join(v for v, _ in _spans_by_text(line)) for line in text.split("\n")) == text


def test_fridge_interns_states_both_ways():
    fridge = Fridge()
    a, b = fridge.freeze(("root",)), fridge.freeze(("root", "template-inner"))
    assert a != b and fridge.freeze(("root",)) == a
    assert fridge.thaw(b) == ("root", "template-inner") and len(fridge) == 2


def test_operator_in_template_parameters():
    spans = _spans_by_text("{{a|b=c}}")
    assert ("b", Name.Label) in spans and ("=", Operator) in spans


def test_an_unclosed_link_before_many_comments_lexes_at_once():
    """Pygments' link rule lets one comment pattern run over several, so ``[[`` then n comments
    and no ``]]`` backtracks through 2**n ways; ours matches each comment one way (with Pygments'
    pattern this line would take days, and the suite would hang here)."""
    line = "[[a" + "<!-- c -->x" * 30
    spans = _spans_by_text(line)
    assert "".join(value for value, _ in spans) == line
    assert ("<!-- c -->", Comment.Multiline) in spans


def _ref_texts(text: str) -> list[str]:
    """The parts of each line that are inside a ref, as text."""
    out = []
    for (offset, tokens), line in zip(iter_lines(LineLexer(), text), text.split("\n"), strict=True):
        out.extend(line[start : start + length] for start, length in tokens.ref_ranges)
    return out


def test_ref_content_is_marked_but_not_its_tags():
    assert _ref_texts('a<ref name="x">b {{c}}</ref>d<ref name=y/>e<ref group=n>f</ref>') == ["b {{c}}", "f"]


def test_ref_content_over_lines_is_marked_on_every_line():
    text = "a<ref>{{cite web\n|url=http://x.y\n|title=T}}</ref> after\n<ref>unclosed\nstill inside"
    assert _ref_texts(text) == ["{{cite web", "|url=http://x.y", "|title=T}}", "unclosed", "still inside"]
    lexer = LineLexer()
    assert [lexer.thaw(tokens.end_state).in_ref for _, tokens in iter_lines(lexer, text)] == [
        True, True, False, True, True,
    ]
