"""Shared helpers of the highlighting tests: the snippet cases and per-character token types."""

from __future__ import annotations

from pathlib import Path

from pygments.lexers import WikitextLexer

from viewer.wikitext.highlight import LineLexer, TokenType, base_type, iter_lines

CASES_FILE = Path(__file__).with_name("cases.txt")


def load_cases() -> dict[str, str]:
    """``cases.txt``: snippets, each after a ``%%% name`` line."""
    cases = {}
    for chunk in CASES_FILE.read_text(encoding="utf-8").split("%%% ")[1:]:
        name, _, body = chunk.partition("\n")
        cases[name.strip()] = body
    return cases


def whole_text_types(text: str) -> list[TokenType]:
    """The Pygments type of each character when the whole text is lexed in one go.

    Built from the tokens in their order rather than their offsets: Pygments' own
    ``<syntaxhighlight>`` callback reports offsets counted from the wrong place.
    """
    source = text if text.endswith("\n") else text + "\n"  # as Pygments' ensurenl does
    types: list[TokenType] = []
    for _, token, value in WikitextLexer().get_tokens_unprocessed(source):
        types.extend([token] * len(value))
    return types[: len(text)]


def line_types(text: str, lexer: LineLexer | None = None) -> list[TokenType | None]:
    """The (base Pygments) type of each character when lexed line by line; None for line breaks."""
    types: list[TokenType | None] = [None] * len(text)
    for offset, tokens in iter_lines(lexer or LineLexer(), text):
        for start, length, token in tokens.spans:
            types[offset + start : offset + start + length] = [base_type(token)] * length
    return types
