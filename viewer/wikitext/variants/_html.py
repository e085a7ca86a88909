"""MediaWiki's LanguageConverter over the renderer's HTML: ``-{…}-`` markup and the dictionary.

One pass, left to right, as MediaWiki's ``recursiveConvertTopLevel``: rules added by ``A``/``H``
markup apply from where they stand to the end of the page. Only text is converted: tags (but
their ``title``/``alt`` values), entities, and the insides of ``<pre>``, ``<code>``,
``<script>``, ``<style>``, ``<math>`` and ``<svg>`` stay as they are.

The dictionary work is batched: text pieces are collected with their place in the output and
converted in one OpenCC call per variant at the end (OpenCC calls are what costs).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from viewer.wikitext.variants._dictionary import translate_many
from viewer.wikitext.variants._languages import Language
from viewer.wikitext.variants._rules import parse_rule
from viewer.wikitext.variants._strtr import Replacements

__all__ = ["Conversion"]

_MAX_DEPTH = 10  # MediaWiki's mMaxDepth for nested -{ }-

_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""
_TOKEN = re.compile(
    rf"""(?P<raw><(?P<raw_name>script|style|math|svg)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</(?P=raw_name)\s*>)
        |(?P<comment><!--.*?(?:-->|\Z))
        |(?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b{_TAG[1:]})
        |(?P<entity>&[a-zA-Z#][a-zA-Z0-9]*;)
        |(?P<rule>-\{{)""",
    re.S | re.X | re.I,
)
_TOKEN_NO_RULES = re.compile(_TOKEN.pattern.rsplit("|", 1)[0], re.S | re.X | re.I)  # all but "rule"
# The main variant of zh converts nothing but markup: only what can hold or hide -{ matters
# (the renderer escapes < and > in text and attribute values, so a tag is <[^<>]*>)
_MARKUP_TOKEN = re.compile(
    r"""(?P<raw><(?P<raw_name>script|style|math|svg)\b[^<>]*>.*?</(?P=raw_name)\s*>)
        |(?P<comment><!--.*?(?:-->|\Z))
        |(?P<keep></?(?:pre|code)\b[^<>]*>)
        |(?P<tag><[a-zA-Z/][^<>]*-\{[^<>]*>)
        |(?P<rule>-\{)""",
    re.S | re.X | re.I,
)
# Where a _MARKUP_TOKEN match can start, found without trying the alternatives at every "<"
# (a tag holding -{ is found from its -{): a plain scan of a page's HTML is 8x faster
_MARKUP_START = re.compile(r"<(?:script|style|math|svg|!--|/?pre|/?code)|-\{", re.I)
_RULE_EDGE = re.compile(r"-\{|\}-")
_CONVERTED_ATTR = re.compile(r"""(\s(?:title|alt)\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)""", re.I)
_KEEP_INSIDE = frozenset(("pre", "code"))  # MediaWiki's autoConvert skips these elements
# An external link whose text is itself a URL: MediaWiki's parser marks that text -{R|…}-
# (markNoConversion), so it is kept whoever rendered the link
_URL_TEXT = re.compile(
    r"(?:bitcoin:|ftps?://|geo:|git://|gopher://|https?://|ircs?://|magnet:|mailto:|matrix:|mms://|news:|"
    r"nntp://|redis://|sftp://|sips?:|sms:|ssh://|svn://|tel:|telnet://|urn:|worldwind://|xmpp:)[^<]*</a\s*>",
    re.I,
)


@dataclass
class _Pending:
    """A text piece waiting for the dictionary: ``index`` into the batch of ``variant``."""

    variant: str
    index: int


@dataclass
class _Escaped:
    """Output pieces that form an attribute value: escaped once they are all known, or the
    value as written (``raw``) when conversion left it as it was (``decoded``)."""

    pieces: list
    raw: str
    decoded: str


class Conversion:
    """One conversion run of a page into ``variant``: the state MediaWiki's converter keeps
    (manual rule tables, the title rule) and the batch of text for the dictionary."""

    def __init__(self, language: Language, variant: str) -> None:
        self.language = language
        self.variant = variant
        self.title: str | None = None
        self._manual: dict[str, dict[str, str]] = {}
        self._replacements: dict[str, Replacements] = {}
        self._batch: dict[str, list[str]] = {}

    # -- the page ----------------------------------------------------------------------

    def convert(self, text: str, *, fast: bool = True) -> str:
        if fast and self.variant == self.language.code and self.language.manual_level(self.variant) == "disable":
            return self._markup_only(text)
        guessed = self.language.guess is not None and self.language.guess(text, self.variant)
        out: list = []
        self._scan(text, self.variant, out, rules=True, convert=not guessed, depth=0)
        return self._finish(out)

    def _markup_only(self, text: str) -> str:
        """The page in a variant with no dictionary and no rules (zh as written): only the
        -{ }- markup changes, so only it and what may hide it are looked at (the tests check
        it gives what the full scan gives).

        _MARKUP_TOKEN is tried only where a match can start: at a candidate of _MARKUP_START,
        and for a tag holding -{ at the last "<" before that -{ (no match can start between
        the end of the previous one and it); so the result is a left-to-right search's."""
        if "-{" not in text:
            return text
        out: list = []
        pos = 0
        kept = 0  # inside <pre>/<code>, as in the full scan: title/alt left as written
        match = _MARKUP_TOKEN.match
        for candidate in _MARKUP_START.finditer(text):
            start = candidate.start()
            if start < pos:
                continue
            found = None
            if candidate.group() == "-{":
                lt = text.rfind("<", pos, start)
                if lt >= 0 and text.find(">", lt, start) < 0:
                    found = match(text, lt)  # a tag around the -{, or nothing
                if found is None:
                    found = match(text, start)  # the rule itself
            else:
                found = match(text, start)
                if found is None:
                    continue
            start = found.start()
            out.append(text[pos:start])
            kind = found.lastgroup
            if kind == "rule":
                display, pos = self._rule(text, start, 1)
                out.append(display)
            else:
                piece = found.group()
                pos = found.end()
                if kind == "keep" and not piece.endswith("/>"):
                    kept = max(0, kept - 1) if piece.startswith("</") else kept + 1
                if kind in ("tag", "keep") and not kept and "-{" in piece and _CONVERTED_ATTR.search(piece):
                    self._tag(piece, self.variant, out)
                else:
                    out.append(piece)
        out.append(text[pos:])
        return self._finish(out)

    def _finish(self, out: list) -> str:
        done = {v: translate_many(v, texts) for v, texts in self._batch.items()}
        self._batch = {}
        return _join(out, done)

    def auto_convert(self, text: str, variant: str) -> str:
        """``text`` (HTML without -{ }-) converted at once, with the rules in force."""
        if self.language.guess is not None and self.language.guess(text, variant):
            return text
        saved, self._batch = self._batch, {}
        out: list = []
        self._scan(text, variant, out, rules=False, convert=True, depth=0)
        result = self._finish(out)
        self._batch = saved
        return result

    # -- scanning --------------------------------------------------------------------------

    def _scan(self, text: str, variant: str, out: list, *, rules: bool, convert: bool, depth: int) -> None:
        kept = 0  # depth of <pre>/<code> elements: their text is left as it is
        pos = 0
        token = _TOKEN if rules else _TOKEN_NO_RULES
        length = len(text)
        while pos < length:
            found = token.search(text, pos)
            if found is None:
                self._text(text[pos:], variant, out, convert and not kept)
                return
            start = found.start()
            if start > pos:
                self._text(text[pos:start], variant, out, convert and not kept)
            kind = found.lastgroup
            if kind == "rule":
                display, pos = self._rule(text, start, depth + 1)
                out.append(display)
                continue
            piece = found.group()
            pos = found.end()
            if kind == "tag":
                name = found.group("name").lower()
                if name == "a" and "external" in piece and not piece.startswith("</"):
                    url_text = _URL_TEXT.match(text, pos)
                    if url_text is not None:
                        out.append(piece + url_text.group())
                        pos = url_text.end()
                        continue
                if name in _KEEP_INSIDE and not piece.endswith("/>"):
                    kept = max(0, kept - 1) if piece.startswith("</") else kept + 1
                if convert and not kept and ("title" in piece or "alt" in piece or "TITLE" in piece or "ALT" in piece):
                    self._tag(piece, variant, out)
                    continue
            out.append(piece)

    def _text(self, text: str, variant: str, out: list, convert: bool) -> None:
        if not convert or not text.strip() or variant == self.language.code and not self._manual.get(variant):
            out.append(text)
            return
        table = self._replacements_for(variant)
        pos = 0
        if table:
            for start, end, to in table.matches(text):
                if start > pos:
                    out.append(self._pending(text[pos:start], variant))
                out.append(to)
                pos = end
        if pos < len(text):
            out.append(self._pending(text[pos:] if pos else text, variant))

    def _pending(self, text: str, variant: str) -> _Pending | str:
        if not text.strip():
            return text
        batch = self._batch.setdefault(variant, [])
        batch.append(text)
        return _Pending(variant, len(batch) - 1)

    def _tag(self, tag: str, variant: str, out: list) -> None:
        """A tag whose ``title``/``alt`` text is converted, markup and all (MediaWiki does)."""
        pos = 0
        for found in _CONVERTED_ATTR.finditer(tag):
            quoted = found.group(2)
            quote = quoted[0] if quoted[0] in "\"'" else ""
            raw = quoted[1:-1] if quote else quoted
            value = html.unescape(raw)
            if "://" in value:  # MediaWiki leaves URLs alone
                continue
            out.append(tag[pos : found.start(2)] + quote)
            pieces: list = []
            self._scan(value, variant, pieces, rules=True, convert=True, depth=0)
            out.append(_Escaped(pieces, raw, value))
            out.append(quote)
            pos = found.end(2)
        out.append(tag[pos:])

    # -- -{ }- -----------------------------------------------------------------------------

    def _rule(self, text: str, start: int, depth: int) -> tuple[str, int]:
        """The display of the markup opening at ``start`` and where the scan goes on."""
        pos = start + 2
        inner: list[str] = []
        warned = False
        while True:
            found = _RULE_EDGE.search(text, pos)
            if found is None:
                break
            inner.append(text[pos : found.start()])
            pos = found.start()
            if found.group() == "-{":
                if depth >= _MAX_DEPTH:
                    inner.append("-{")
                    if not warned:
                        message = html.escape(self.language.depth_error.format(_MAX_DEPTH))
                        inner.append(f'<span class="error">{message}</span>')
                        warned = True
                    pos += 2
                    continue
                display, pos = self._rule(text, pos, depth + 1)
                inner.append(display)
                continue
            rule = parse_rule("".join(inner), self.variant, self.language, self.auto_convert)
            self._apply(rule)
            return rule.display, pos + 2
        inner.append(text[pos:])  # unclosed: the text goes on as ordinary text
        return "-{" + self.auto_convert("".join(inner), self.variant), len(text)

    def _apply(self, rule) -> None:
        if rule.title is not None:
            self.title = rule.title
        if rule.action not in ("add", "remove"):
            return
        for code, pairs in rule.table.items():
            variant = self.language.validate(code)
            if variant is None:
                continue
            table = self._manual.setdefault(variant, {})
            if rule.action == "add":
                table.update(pairs)
            else:
                for source in pairs:
                    table.pop(source, None)
            self._replacements.pop(variant, None)

    def _replacements_for(self, variant: str) -> Replacements | None:
        pairs = self._manual.get(variant)
        if not pairs:
            return None
        table = self._replacements.get(variant)
        if table is None:
            table = self._replacements[variant] = Replacements(pairs)
        return table


def _join(pieces: list, done: dict[str, list[str]]) -> str:
    out = []
    for piece in pieces:
        if type(piece) is str:
            out.append(piece)
        elif type(piece) is _Pending:
            out.append(done[piece.variant][piece.index])
        else:
            value = _join(piece.pieces, done)
            out.append(piece.raw if value == piece.decoded else html.escape(value, quote=True))
    return "".join(out)
