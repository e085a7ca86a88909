"""Pygments' wikitext lexer, resumable line by line, for incremental highlighting.

An editor highlights one line (one ``QTextBlock``) at a time and keeps, per line, the lexer state
at its end; after an edit it re-lexes from the edited line and stops as soon as a line ends in the
same state as before (Frescobaldi's highlighter, Spyder's per-block states). This module gives
that to the UI without Qt:

- :class:`LineLexer` lexes one line from a state and returns its token spans and its end state;
- states are the lexer's state stack, interned as small ints by a :class:`Fridge`, so that they
  fit ``QTextBlock.userState()``.

Pygments' ``RegexLexer`` accepts a start stack but never shows the end stack, and
``WikitextLexer`` has rules whose single regex spans several lines (comments, ``{{Name`` then
``|`` on the next line, ``<gallery>`` and the other plain-text tags, ``<math>``, and
``<syntaxhighlight>``/``<source>``/``<score>`` blocks). :class:`ResumableWikitextLexer` replaces
each of those by a rule that stops at the end of the line plus a continuation state, and drives the
state machine itself so that the end stack is known.

Lexing line by line gives the same token type as lexing the whole text in one go for every
character, with these documented exceptions (see ``tests/highlight``):

- whitespace: where the whole-text lexer folds line breaks and blank lines into a neighbouring
  token (``== H ==`` swallows the blank lines after it, ``{|`` the ones before it), the line lexer
  types them ``Text`` (all whitespace is painted alike);
- constructs that need to look at later lines to decide what an earlier line is: a template
  parameter name broken over lines (``|a`` then ``b=c``; a ``|`` that ends its line followed by
  ``name=`` is handled), a ``[[link]]`` or ``{{{param}}}`` broken over lines, a tag whose ``>`` is
  on a later line; the later lines cannot change the earlier ones in an editor, so these are typed
  as plain text until the line that completes them (on MediaWiki's 2,669 parser-test inputs, 5
  differ, all a ``{{{`` closed on a later line);
- a ``<gallery>``, ``<math>``, ``<syntaxhighlight>`` ... that is never closed: the whole-text lexer
  gives up at the end of its first line, the line lexer treats the rest of the text as its content;
- multi-line ``<math>``, ``<templatedata>``, ``<syntaxhighlight>`` content is handed to its own
  lexer one line at a time (a multi-line string in the code restarts on each line).

Two more changes to the rules: ``<syntaxhighlight>``'s callback is ours (Pygments' reports its
tokens at offsets counted from the wrong place), and comments inside link titles match one way
each (Pygments' pattern backtracks exponentially on ``[[`` followed by many comments).

The spans carry *refined* token types (``TEMPLATE_NAME``, ``LINK_TARGET``, ``REF_TAG`` ...):
subtypes of the Pygments types, told apart from the lexer state and the tokens before them, so
that a theme can colour a template's name, a link's target and a tag's name differently although
Pygments types all three ``Name.Tag``. :func:`base_type` maps them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pygments.lexer import bygroups, default, using
from pygments.lexers import WikitextLexer, get_lexer_by_name
from pygments.lexers.lilypond import LilyPondLexer
from pygments.token import Comment, Error, Name, Operator, Punctuation, Text, Token, Whitespace, _TokenType
from pygments.util import ClassNotFound

__all__ = [
    "LINK_PUNCTUATION", "LINK_TARGET", "LINK_TEXT", "NOWIKI_TEXT", "REFINED", "REF_PUNCTUATION",
    "REF_TAG", "TABLE_PUNCTUATION", "TAG_PUNCTUATION", "TEMPLATE_NAME", "TEMPLATE_PUNCTUATION",
    "Fridge", "LineLexer", "LineState", "LineTokens", "ResumableWikitextLexer", "Span", "TokenType", "base_type",
    "iter_lines",
]

TokenType = _TokenType
Span = tuple[int, int, TokenType]  # (start, length, token type), Python str offsets in the line

# Finer types for what an editor colours apart but Pygments types alike (a template's name, a
# link's target and a tag's name are all ``Name.Tag``). Each is a subtype of the type it refines,
# so a theme that does not know it falls back to the Pygments type's colour.
TEMPLATE_NAME, TEMPLATE_PUNCTUATION = Name.Tag.Template, Punctuation.Template
LINK_TARGET, LINK_PUNCTUATION, LINK_TEXT = Name.Tag.Link, Punctuation.Link, Text.Link
TAG_PUNCTUATION, REF_TAG, REF_PUNCTUATION = Punctuation.Tag, Name.Tag.Ref, Punctuation.Ref
TABLE_PUNCTUATION, NOWIKI_TEXT = Punctuation.Table, Text.Nowiki
REFINED = frozenset({
    TEMPLATE_NAME, TEMPLATE_PUNCTUATION, LINK_TARGET, LINK_PUNCTUATION, LINK_TEXT, TAG_PUNCTUATION, REF_TAG,
    REF_PUNCTUATION, TABLE_PUNCTUATION, NOWIKI_TEXT,
})


def base_type(token: TokenType) -> TokenType:
    """The Pygments type a (possibly refined) token type stands for."""
    return token.parent if token in REFINED else token


# A rule's callback yields this pseudo-token to push a state made at run time (the code block of
# a given language); the driver applies it to the stack and never shows it.
_PUSH = Token.WikiView.Push

_COMMENT = r"<!--[\s\S]*?(?:-->|\Z)"


def _comment_rules() -> list:
    """A comment closed on its line, or the start of one that goes on (pushes ``wv-comment``)."""
    return [
        (r"<!--.*?-->", Comment.Multiline),
        (r"<!--(?s:.*)", Comment.Multiline, "wv-comment"),
    ]


def _patched(state: str, replacements: dict[str, list]) -> list:
    """``WikitextLexer``'s rules of ``state``, each rule whose regex is a key replaced by its list."""
    rules, found = [], set()
    for rule in WikitextLexer.tokens[state]:
        regex = rule[0] if isinstance(rule, tuple) else None
        if regex in replacements:
            rules.extend(replacements[regex])
            found.add(regex)
        else:
            rules.append(rule)
    missing = set(replacements) - found
    if missing:  # Pygments changed the lexer: the line lexer must be revisited, say so loudly
        raise RuntimeError(f"WikitextLexer state {state!r} no longer has the rules {sorted(missing)}")
    return rules


_LAZY_COMMENT = r"<!--[\s\S]*?-->"
_CLOSED_COMMENT = r"<!--(?:(?!-->)[\s\S])*-->"


def _unambiguous_comments(rules: list) -> list:
    r"""``rules`` with the comments inside link titles matched as one comment each.

    ``(?: title-char | <!--[\s\S]*?--> )*?`` lets one "comment" run over several, so a ``[[``
    followed by n comments and no ``]]`` backtracks through 2**n ways (20 comments: seconds);
    a comment that cannot contain ``-->`` matches the same text in one way.
    """
    patched = []
    for rule in rules:
        if isinstance(rule, tuple) and _LAZY_COMMENT in rule[0]:
            rule = (rule[0].replace(_LAZY_COMMENT, _CLOSED_COMMENT), *rule[1:])
        patched.append(rule)
    if patched == rules:  # Pygments changed the lexer: revisit this work-around
        raise RuntimeError("WikitextLexer's link rules no longer hold the comment pattern")
    return patched


def _original(state: str, regex: str) -> tuple:
    return next(rule for rule in WikitextLexer.tokens[state] if isinstance(rule, tuple) and rule[0] == regex)


# template-inner's rule for a parameter's name: right after a ``|``, up to the ``=``
_PARAMETER_NAME = next(
    rule[0] for rule in WikitextLexer.tokens["template-inner"] if isinstance(rule, tuple) and "(?<=\\|)" in rule[0]
)
# a ``|`` ending its line: the name is looked for at the start of the next one
_PIPE_AT_END = (r"(?<=\|)[^\S\n]*\n", Text, "wv-template-after-pipe")


def _rest_of_line(state: str, action) -> list:
    """``state``'s rules, then: the rest of the line is the tag's content (the tag goes on)."""
    return [*WikitextLexer.tokens[state], (r"(?s).+", action)]


@lru_cache(maxsize=64)
def _code_lexer_class(tag: str, lang: str):
    """The lexer class for a ``<syntaxhighlight lang=...>``/``<score>`` block, or None for text."""
    if tag == "score":
        return LilyPondLexer if lang in ("", "lilypond") else None
    try:
        return type(get_lexer_by_name(lang)) if lang else None
    except ClassNotFound:
        return None


def _code_block(lexer: ResumableWikitextLexer, match: re.Match) -> Iterator:
    """``<syntaxhighlight ...>code`` (or ``<source>``, ``<score>``): the tag, its attributes, the
    code in its language, and, when the closing tag is on a later line, a push of the block's state.

    Replaces ``WikitextLexer.handle_syntaxhighlight``, which gives the attributes' and the code's
    tokens offsets counted from the wrong place.
    """
    tag, attr = match.group(2), match.group(3)
    yield match.start(1), Punctuation, "<"
    yield match.start(2), Name.Tag, tag
    for pos, token, value in lexer.get_tokens_unprocessed(attr, stack=["root", "attr"]):
        yield match.start(3) + pos, token, value
    yield match.start(4), Punctuation, ">"
    langs = re.findall(r"\blang=(\"|'|)(\w+)(\1)", attr)
    state = lexer.code_state(tag.lower(), langs[-1][1] if langs else "")
    code = match.group(5)
    if code:
        yield from _code_tokens(lexer, tag.lower(), state, match.start(5), code)
    if match.end() == len(match.string):  # no closing tag on this line: the block goes on
        yield match.end(), _PUSH, state


def _code_tokens(lexer, tag: str, state: str, offset: int, code: str) -> Iterator:
    lexer_class = _code_lexer_class(tag, state.partition(":")[2])
    if lexer_class is None:
        yield offset, Text, code
        return
    for pos, token, value in lexer_class(**lexer.options).get_tokens_unprocessed(code):
        yield offset + pos, token, value


def _code_block_rules(tag: str) -> list:
    # the block closed on its line, then the opening tag of one that goes on
    return [
        (rf"(?si)(<)({tag})\b([^>]*?)((?<!/)>)(.*?)(?=</\2\s*>)", _code_block),
        (rf"(?i)(<)({tag})\b([^>]*?)((?<!/)>)((?s:.*))", _code_block),
    ]


class ResumableWikitextLexer(WikitextLexer):
    """``WikitextLexer`` whose rules never span a line break, and whose driver shows its end stack.

    ``get_tokens_unprocessed(text, stack)`` still works as Pygments' (``using(this)`` and the
    ``<syntaxhighlight>`` callback call it); :meth:`lex` is the driver for one line.
    """

    name = "Wikitext (line by line)"
    aliases = []

    tokens = {
        "replaceable": _patched("replaceable", {_COMMENT: _comment_rules()}),
        "template-begin-space": _patched("template-begin-space", {_COMMENT: _comment_rules()}),
        "wv-comment": [
            (r".*?-->", Comment.Multiline, "#pop"),
            (r"(?s).+", Comment.Multiline),
        ],
        # ``{{Name`` then a line break: a ``|`` at the start of a later line makes the whole
        # thing a template; anything else ends the name at that line break
        "template-name": _patched(
            "template-name",
            {
                r"(\s*?)(\|)": [
                    (r"(\s*?)(\|)", bygroups(Text, Punctuation), ("#pop", "template-inner")),
                    (r"[^\S\n]*\n", Text, ("#pop", "wv-template-name-eol")),
                ]
            },
        ),
        "wv-template-name-eol": [
            (r"(\s*?)(\|)", bygroups(Text, Punctuation), ("#pop", "template-inner")),
            (r"[^\S\n]*\n", Text),
            default("#pop"),
        ],
        # ``{{name |`` then a line break: the parameter's name may start on the next line
        "template-inner": _patched(
            "template-inner", {_PARAMETER_NAME: [_original("template-inner", _PARAMETER_NAME), _PIPE_AT_END]}
        ),
        "wv-template-after-pipe": [
            (r"((?:(?!\{\{|\}\})[^=|<\n])*?)(=)", bygroups(Name.Label, Operator), "#pop"),
            (r"[^\S\n]*\n", Text),
            default("#pop"),
        ],
        **{
            f"tag-{tag}": _rest_of_line(f"tag-{tag}", Text)
            for tag in (
                "categorytree", "dynamicpagelist", "hiero", "inputbox", "imagemap",
                "charinsert", "timeline", "gallery", "graph", "rss",
            )
        },
        **{
            f"tag-{tag}": _rest_of_line(f"tag-{tag}", WikitextLexer.tokens[f"tag-{tag}"][1][1])
            for tag in ("math", "chem", "ce", "templatedata")
        },
        "inline": _unambiguous_comments(
            _patched(
                "inline",
                {
                    rf"(?si)(<)({tag})\b([^>]*?(?<!/)>.*?)(?=</\2\s*>)": _code_block_rules(tag)
                    for tag in ("syntaxhighlight", "source", "score")
                },
            )
        ),
    }

    def code_state(self, tag: str, lang: str) -> str:
        """The state inside a code block ``<tag lang=lang>``, made on first use."""
        name = f"wv-code-{tag}:{lang.lower()}"
        tokendefs = self._tokens  # the class's processed rules, shared by its instances
        if name not in tokendefs:

            def content(lexer, match):
                yield from _code_tokens(lexer, tag, name, match.start(), match.group())

            compile_ = lambda regex: re.compile(regex, self.flags).match  # noqa: E731
            tokendefs[name] = [
                (compile_(rf"(?i)(</)({tag})(\s*)(>)"),
                 bygroups(Punctuation, Name.Tag, Whitespace, Punctuation), -1),
                (compile_(rf"(?si).+?(?=</{tag}\s*>)"), content, None),
                (compile_(r"(?s).+"), content, None),
            ]
        return name

    def get_tokens_unprocessed(self, text, stack=("root",)):
        yield from self.lex(text, 0, list(stack))

    def lex(self, text: str, pos: int, stack: list[str]) -> Iterator[tuple[int, TokenType, str]]:
        """Tokens of ``text[pos:]`` from state ``stack``; leaves the end state in ``stack``.

        The loop is ``RegexLexer.get_tokens_unprocessed``'s, with the stack owned by the caller,
        the ``_PUSH`` pseudo-token applied, and the matching rule found by one regex per token
        (:func:`_selector`) rather than by trying each rule in turn.
        """
        tokendefs, selectors = self._tokens, _SELECTORS
        end = len(text)
        while pos < end:
            top = stack[-1]
            selector = selectors.get(top) or _selector(top, tokendefs[top])
            rules, m = tokendefs[top], None
            found = selector.match(text, pos)
            if found is not None:
                # the rule whose branch matched; only a branch with a back-reference (made looser)
                # can match where its rule does not: then the rules after it are tried in turn
                for index in range(selector.rule_of_group[found.lastindex], len(rules)):
                    rexmatch, action, new_state = rules[index]
                    m = rexmatch(text, pos)  # the rule's own match, for its groups
                    if m is not None:
                        break
            if m is None:
                # no rule matches: as RegexLexer, a line break resets to root, anything else is
                # an error token of one character
                if text[pos] == "\n":
                    stack[:] = ["root"]
                    yield pos, Whitespace, "\n"
                else:
                    yield pos, Error, text[pos]
                pos += 1
                continue
            if action is not None:
                if type(action) is _TokenType:
                    yield pos, action, m.group()
                else:
                    for item in action(self, m):
                        if item[1] is _PUSH:
                            stack.append(item[2])
                        else:
                            yield item
            pos = m.end()
            if new_state is not None:
                if isinstance(new_state, tuple):
                    for state in new_state:
                        if state == "#pop":
                            if len(stack) > 1:
                                stack.pop()
                        elif state == "#push":
                            stack.append(stack[-1])
                        else:
                            stack.append(state)
                elif isinstance(new_state, int):
                    # pop, keeping at least one state (as RegexLexer does)
                    if abs(new_state) >= len(stack):
                        del stack[1:]
                    else:
                        del stack[new_state:]
                elif new_state == "#push":
                    stack.append(stack[-1])


@dataclass(frozen=True)
class _Selector:
    """One regex for all the rules of a state: ``match`` finds which rule matches first."""

    match: object  # re.Pattern.match of the alternation
    rule_of_group: dict[int, int]  # the alternation's group of each branch -> its rule's index


_SELECTORS: dict[str, _Selector] = {}
_LEADING_FLAGS = re.compile(r"\A\(\?([aiLmsux]+)\)")
_BACKREFERENCE = re.compile(r"(?<!\\)\\[1-9]")


def _selector(state: str, rules: list) -> _Selector:
    """The alternation of ``rules``' regexes, each in a group of its own, in order.

    An alternation tries its branches in order and takes the first that matches, as the lexer
    tries its rules: one ``match`` call tells which rule matches (the group that closed last),
    instead of up to sixty calls, one per rule. Each branch keeps its own flags (scoped). A
    back-reference cannot be renumbered past group 99, so it becomes "any text" in the branch,
    which then matches wherever its rule does, and maybe more (the lexer checks).
    """
    branches, rule_of_group, group = [], {}, 0
    for index, rule in enumerate(rules):
        pattern = rule[0].__self__
        source, flags = pattern.pattern, ""
        leading = _LEADING_FLAGS.match(source)
        if leading:
            flags, source = leading.group(1), source[leading.end() :]
        group += 1
        rule_of_group[group] = index
        source = _BACKREFERENCE.sub(r"[\\s\\S]*?", source)
        # a verbose branch may end in a comment: the line break ends it before the ")"
        branches.append(f"((?{flags}:{source}\n))" if "x" in flags else f"((?{flags}:{source}))")
        group += pattern.groups
    # the lexer's own flags (MULTILINE), not a pattern's: those hold its leading inline flags too
    selector = _Selector(re.compile("|".join(branches), WikitextLexer.flags).match, rule_of_group)
    _SELECTORS[state] = selector
    return selector


class Fridge:
    """Interns line states as small ints, both ways (Frescobaldi's)."""

    def __init__(self) -> None:
        self._ids: dict[LineState, int] = {}
        self._states: list[LineState] = []

    def freeze(self, state: LineState) -> int:
        number = self._ids.get(state)
        if number is None:
            number = self._ids[state] = len(self._states)
            self._states.append(state)
        return number

    def thaw(self, number: int) -> LineState:
        return self._states[number]

    def __len__(self) -> int:
        return len(self._states)


@dataclass(frozen=True)
class LineState:
    """What a line's lexing starts from: the lexer's state stack, whether the text is inside a
    ``<ref>`` (which Pygments does not track: a ref's content is lexed as any text), and whether
    this is the first line (where ``#REDIRECT`` may stand)."""

    stack: tuple[str, ...] = ("root",)
    in_ref: bool = False
    first_line: bool = False


@dataclass(frozen=True)
class LineTokens:
    """One line lexed: its spans (covering the line exactly, in order), the parts of the line
    inside a ``<ref>...</ref>`` as ``(start, length)``, and its end state."""

    spans: tuple[Span, ...]
    ref_ranges: tuple[tuple[int, int], ...]
    end_state: int


_TEMPLATE_STATES = frozenset({"template-name", "template-inner", "wv-template-name-eol", "parameter-inner"})
_TAG_STATES = frozenset({"tag-inner", "tag-inner-ordinary", "tag-attr-val-0", "tag-attr-val-1", "tag-attr-val-2"})
_REF_TAGS = frozenset({"ref", "references"})
_LINK_TEXT_STATES = frozenset({"wikilink-inner", "medialink-inner", "extlink-inner"})
_OPENERS = {"{{": TEMPLATE_PUNCTUATION, "[[": LINK_PUNCTUATION, "[": LINK_PUNCTUATION}
_CLOSERS = {"}}": TEMPLATE_PUNCTUATION, "]]": LINK_PUNCTUATION, "]": LINK_PUNCTUATION}


class _Refiner:
    """Gives tokens their refined type from the lexer state they were lexed in and the tokens
    before them on the line (the brackets open, the tag being written), and follows whether the
    text is inside a ``<ref>``."""

    __slots__ = ("openers", "tag", "closing", "previous", "in_ref", "ref_closed")

    def __init__(self, in_ref: bool) -> None:
        self.openers: list[TokenType] = []  # refined types of the ``{{``/``[[``/``[`` still open
        self.tag = ""  # the name of the tag being written, after ``<`` or ``</``
        self.closing = False  # the tag being written is a closing tag
        self.previous = ""
        self.in_ref = in_ref  # the token just refined is inside a ref's content
        self.ref_closed = False  # the token just refined is the name in ``</ref``

    def refine(self, token: TokenType, value: str, state: str) -> TokenType:
        previous, self.previous = self.previous, value
        self.ref_closed = False
        if token is Punctuation:
            return self._punctuation(value, state)
        if token is Name.Tag:
            if previous in ("<", "</"):
                self.tag = value.lower()
                if self.tag == "ref" and self.closing and self.in_ref:
                    self.in_ref, self.ref_closed = False, True
                return REF_TAG if self.tag in _REF_TAGS else token
            # a template's name is lexed in its own states; a link's target by a nested lexer,
            # in the state around the link
            return TEMPLATE_NAME if state in ("template-name", "wv-template-name-eol") else LINK_TARGET
        if token is Text:
            if state in _LINK_TEXT_STATES:
                return LINK_TEXT
            if state in ("tag-nowiki", "tag-pre"):
                return NOWIKI_TEXT
        return token

    def _punctuation(self, value: str, state: str) -> TokenType:
        if value in _OPENERS:
            self.openers.append(_OPENERS[value])
            return _OPENERS[value]
        if value in _CLOSERS:
            if self.openers:
                self.openers.pop()
            return _CLOSERS[value]
        if value in ("}}}", "{{{"):
            return TEMPLATE_PUNCTUATION
        if value in ("<", "</"):
            self.tag, self.closing = "", value == "</"
            return TAG_PUNCTUATION
        if state in _TAG_STATES or value.endswith(">"):
            if self.tag == "ref" and not self.closing and value.endswith(">") and "/" not in value:
                self.in_ref = True  # from the next token on: the tag itself is not content
            return REF_PUNCTUATION if self.tag in _REF_TAGS else TAG_PUNCTUATION
        if value == "|" and self.openers:
            return self.openers[-1]
        if state in _TEMPLATE_STATES:
            return TEMPLATE_PUNCTUATION
        if state in ("table", "table-header") or value == "{|":
            return TABLE_PUNCTUATION
        return Punctuation


class LineLexer:
    """Lexes wikitext one line at a time; states are ints from its own :class:`Fridge`.

    ``lex_line(line, state)`` takes a line without its line break (as a ``QTextBlock`` holds it)
    and the end state of the line before, or :attr:`start_state` for the first line.
    """

    def __init__(self) -> None:
        self._lexer = ResumableWikitextLexer(stripnl=False, ensurenl=False)
        self._fridge = Fridge()
        self.start_state = self._fridge.freeze(LineState(first_line=True))
        self.root_state = self._fridge.freeze(LineState())

    def lex_line(self, line: str, state: int) -> LineTokens:
        start_state = self._fridge.thaw(state)
        if start_state.first_line:
            text, start = line + "\n", 0
        else:
            # a line break before the line, so that ``^`` and look-behinds see what they see in
            # the whole text and ``\A`` does not match; one after it, as every line but the last
            # has one (and Pygments adds one to the last)
            text, start = "\n" + line + "\n", 1
        stack = list(start_state.stack)
        length = len(line)
        spans: list[Span] = []
        in_ref: list[bool] = []  # per span
        refiner = _Refiner(start_state.in_ref)
        for pos, token, value in self._lexer.lex(text, start, stack):
            pos -= start
            if pos >= length or not value:
                continue  # the line break we added, or an empty token (a look-ahead rule's)
            before = refiner.in_ref
            # ``stack`` is live: its top is the state the token was lexed in
            spans.append((pos, min(len(value), length - pos), refiner.refine(token, value, stack[-1])))
            if refiner.ref_closed:
                in_ref[-1] = False  # the ``</`` of ``</ref>``
            in_ref.append(before and refiner.in_ref)
        end_state = LineState(tuple(stack), refiner.in_ref)
        return LineTokens(tuple(spans), _ranges(spans, in_ref), self._fridge.freeze(end_state))

    def thaw(self, state: int) -> LineState:
        """What ``state`` stands for (for tests and debugging)."""
        return self._fridge.thaw(state)


def _ranges(spans: list[Span], flags: list[bool]) -> tuple[tuple[int, int], ...]:
    """The runs of flagged spans, as ``(start, length)``."""
    ranges: list[tuple[int, int]] = []
    for (start, length, _), flagged in zip(spans, flags):
        if not flagged:
            continue
        if ranges and sum(ranges[-1]) == start:
            ranges[-1] = (ranges[-1][0], ranges[-1][1] + length)
        else:
            ranges.append((start, length))
    return tuple(ranges)


def iter_lines(lexer: LineLexer, text: str) -> Iterator[tuple[int, LineTokens]]:
    """Each line of ``text`` (split on ``\\n``) lexed in turn: ``(line's start offset, tokens)``."""
    state, offset = lexer.start_state, 0
    for line in text.split("\n"):
        tokens = lexer.lex_line(line, state)
        yield offset, tokens
        state, offset = tokens.end_state, offset + len(line) + 1
