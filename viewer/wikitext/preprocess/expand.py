"""Template expansion as MediaWiki's preprocessor does it, on mwparserfromhell's tree.

The page is walked node by node. Text, links, headings and HTML tags pass through as written
(with the templates inside them expanded); comments go; ``{{templates}}``, parser functions,
magic words and ``{{{parameters}}}`` are replaced by their expansion; extension tags (``ref``,
``nowiki``, ``pre``...) are handed to the host, which returns a strip marker.

The page's own text keeps its source offsets: :class:`Expansion` maps every offset of the
expanded text back to the source, an expanded template mapping to its call's span as a whole.
"""

from __future__ import annotations

import bisect
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from viewer.wikitext.parse import HIDDEN_BRACE, hide_unclosed_braces
from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from viewer.wikitext.preprocess import _tree
from viewer.wikitext.preprocess.titles import Title, parse_title

__all__ = ["Expansion", "Expander", "Frame", "Host", "LimitExceeded", "PFArg", "ParsedText"]

EXTENSION_TAGS = frozenset(
    "ref references nowiki pre gallery math chem syntaxhighlight source poem templatestyles "
    "indicator section score timeline graph hiero imagemap inputbox categorytree charinsert "
    "templatedata mapframe maplink ce langconvert".split()
)
_SECTION_TAGS = ("noinclude", "includeonly", "onlyinclude")


class ParsedText(str):
    """Wikitext that brings its mwparserfromhell tree along, so it is not parsed twice
    (a ref's content, parsed with the page). String operations give plain strings."""

    code: Wikicode | None
    offset: int | None  # where it starts in the page's source, when it is written there

    def __new__(cls, value: str, code: Wikicode | None = None) -> ParsedText:
        self = super().__new__(cls, value)
        self.code = code
        self.offset = None
        return self


class LimitExceeded(Exception):
    """A render limit was hit; the message is shown inline. The argument is a key of
    :data:`LIMIT_MESSAGES`."""


LIMIT_MESSAGES = {
    "time": "Rendering stopped: the time limit was reached",
    "size": "Template expansion stopped: the expanded text is too large",
    "node-count": "Template expansion stopped: too many preprocessor nodes",
}


class Host(Protocol):
    """What the expander needs from the renderer."""

    page_title: Title
    lang: str

    def extension_tag(self, name: str, attrs: str, content: str | None, span: tuple[int, int] | None,
                      frame: Frame) -> str: ...

    def builtin_template(self, name: str, args: list[tuple[str | None, str, int | None]],
                         span: tuple[int, int] | None, frame: Frame) -> str | None: ...

    def missing_template(self, name: str, span: tuple[int, int] | None) -> str: ...

    def page_source(self, title: Title) -> str | None: ...

    def error(self, code: str, message: str) -> str: ...

    def link_markup(self, title: Title) -> str: ...


@dataclass
class Expansion:
    """Expanded wikitext and the way back to the source."""

    text: str
    # parallel lists, sorted by expanded offset: where a segment starts in the expanded text,
    # and its source span; linear segments map offset by offset, opaque ones as a whole
    starts: list[int] = field(default_factory=list)
    src: list[tuple[int, int]] = field(default_factory=list)
    linear: list[bool] = field(default_factory=list)

    def _seg(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def to_source_start(self, pos: int) -> int:
        if not self.starts:
            return 0
        i = self._seg(pos)
        s, e = self.src[i]
        if self.linear[i]:
            return min(s + pos - self.starts[i], e)
        return s

    def to_source_end(self, pos: int) -> int:
        """Source offset of an exclusive end ``pos``: an end inside an opaque segment (or at
        its very start, for a segment that ends there) maps to the segment's end."""
        if not self.starts:
            return 0
        i = self._seg(max(pos - 1, 0))
        s, e = self.src[i]
        if self.linear[i]:
            return min(s + pos - self.starts[i], e)
        return e

    def span(self, start: int, end: int) -> tuple[int, int]:
        a = self.to_source_start(start)
        b = self.to_source_end(end)
        return (a, max(a, b))

    def stripped(self) -> Expansion:
        """The same expansion without surrounding whitespace (a named argument's value)."""
        left = len(self.text) - len(self.text.lstrip())
        return self.sliced(left, max(left, len(self.text.rstrip())))

    def sliced(self, left: int, right: int) -> Expansion:
        starts: list[int] = []
        src: list[tuple[int, int]] = []
        linear: list[bool] = []
        for i, s in enumerate(self.starts):
            e = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            if (e <= left and e > s) or s >= right:
                continue
            ns = max(s, left)
            a, b = self.src[i]
            if self.linear[i]:
                a += ns - s
                b = min(b, a + min(e, right) - ns)
            starts.append(ns - left)
            src.append((a, b))
            linear.append(self.linear[i])
        return Expansion(self.text[left:right], starts, src, linear)

    def is_linear(self, start: int, end: int) -> bool:
        """True when ``start..end`` lies in one linear segment (the text is as in the source)."""
        if not self.starts:
            return False
        i = self._seg(start)
        seg_end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.linear[i] and end <= seg_end


class _Out:
    """Collects expanded text; with ``track`` it records the source map too."""

    __slots__ = ("parts", "track", "starts", "src", "linear", "length", "skip_line_end")

    def __init__(self, track: bool) -> None:
        self.parts: list[str] = []
        self.track = track
        self.starts: list[int] = []
        self.src: list[tuple[int, int]] = []
        self.linear: list[bool] = []
        self.length = 0
        self.skip_line_end = False

    def text(self, s: str, src: int | None) -> None:
        if self.skip_line_end:
            self.skip_line_end = False
            m = re.match(r"[ \t]*\n", s)
            if m:
                s = s[m.end():]
                if src is not None:
                    src += m.end()
        if not s:
            return
        if self.track and src is not None:
            if self.linear and self.linear[-1] and self.src[-1][1] == src and self.starts[-1] + (
                    self.src[-1][1] - self.src[-1][0]) == self.length:
                self.src[-1] = (self.src[-1][0], src + len(s))
            else:
                self.starts.append(self.length)
                self.src.append((src, src + len(s)))
                self.linear.append(True)
        self.parts.append(s)
        self.length += len(s)

    def opaque(self, s: str, span: tuple[int, int] | None) -> None:
        self.skip_line_end = False
        if not s:
            return
        if self.track and span is not None:
            self.starts.append(self.length)
            self.src.append(span)
            self.linear.append(False)
        self.parts.append(s)
        self.length += len(s)

    def trailing_line_ws(self) -> int | None:
        """Length of the trailing blanks when they follow a newline, else None."""
        for k in range(len(self.parts) - 1, -1, -1):
            part = self.parts[k]
            m = re.search(r"(\n)?([ \t]*)$", part)
            if m.group(1) is not None:
                return self._blank_tail(k)
            if len(m.group(2)) != len(part):
                return None
        return None

    def _blank_tail(self, k: int) -> int:
        n = 0
        for part in self.parts[k:]:
            n += len(part) - len(part.rstrip(" \t")) if part.strip(" \t") else len(part)
        return n

    def trim(self, n: int) -> None:
        while n > 0 and self.parts:
            last = self.parts[-1]
            cut = min(n, len(last))
            self.parts[-1] = last[: len(last) - cut]
            if not self.parts[-1]:
                self.parts.pop()
            n -= cut
            self.length -= cut
        if self.track:  # drop map entries past the new end
            while self.starts and self.starts[-1] >= self.length:
                self.starts.pop(), self.src.pop(), self.linear.pop()
            if self.starts and self.linear[-1]:
                s, e = self.src[-1]
                self.src[-1] = (s, min(e, s + self.length - self.starts[-1]))

    def marker(self, s: str, at: int) -> None:
        """Text that is not in the source (a link's position marker), zero-width there."""
        self.skip_line_end = False
        if self.track:
            self.starts.append(self.length)
            self.src.append((at, at))
            self.linear.append(False)
        self.parts.append(s)
        self.length += len(s)

    def value(self) -> str:
        return "".join(self.parts)


@dataclass
class Frame:
    """A template's parameters (None for the page itself) and its place in the call chain."""

    title: Title
    args: dict[str, tuple[Wikicode, Frame, bool]] | None = None
    parent: Frame | None = None
    depth: int = 0
    cache: dict[str, str] = field(default_factory=dict)

    def ancestors(self) -> set[str]:
        names: set[str] = set()
        frame: Frame | None = self
        while frame is not None:
            names.add(frame.title.full)
            frame = frame.parent
        return names


class PFArg:
    """A parser function argument, expanded only when asked (as MediaWiki's PPNode args)."""

    __slots__ = ("_expander", "_name", "_value", "_frame", "_cache")

    def __init__(self, expander: Expander, name: Wikicode | None, value: Wikicode, frame: Frame) -> None:
        self._expander, self._name, self._value, self._frame = expander, name, value, frame
        self._cache: dict[str, str] = {}

    def _get(self, key: str, code: Wikicode | None) -> str:
        if key not in self._cache:
            self._cache[key] = "" if code is None else self._expander.expand(code, self._frame)
        return self._cache[key]

    @property
    def has_name(self) -> bool:
        return self._name is not None

    def name(self) -> str:
        return self._get("n", self._name).strip()

    def value(self) -> str:
        return self._get("v", self._value)

    def full(self) -> str:
        """``name=value`` as written (expanded), for functions that do not split on ``=``."""
        if self._name is None:
            return self.value()
        return self._get("n", self._name) + "=" + self.value()


ParserFunction = Callable[["Expander", Frame, str, list[PFArg]], str]


class Expander:
    """Expands one page; ``host`` renders what the expander itself does not (tags, built-ins)."""

    def __init__(self, host: Host, *, max_depth: int = 40, max_size: int = 2_000_000,
                 max_nodes: int = 1_000_000, deadline: float | None = None) -> None:
        self.host = host
        self.max_depth = max_depth
        self.max_size = max_size
        self.max_nodes = max_nodes
        self.deadline = deadline
        self.nodes = 0
        self.size = 0
        self._parsed: dict[str, Wikicode] = {}
        self.used_templates: list[str] = []
        self.link_spans: list[tuple[int, int]] = []
        self.span_stack: list[tuple[int, int]] = []
        self.raw_extension_tags = 0  # > 0 while expanding {{#tag:}} content  # the page's own template calls being expanded
        self.sort_key: str | None = None
        self.display_title: str | None = None

    # ------------------------------------------------------------------ entry points
    def expand_page(self, text: str, root: Frame) -> Expansion:
        out = _Out(track=True)
        for start, chunk in page_chunks(text):
            self._walk(parse_wikitext(chunk), root, out, start, page_mode=True)
        return Expansion(_unhide(out.value()), out.starts, out.src, out.linear)

    def expand_at(self, code: Wikicode, frame: Frame, base: int) -> Expansion:
        """Like :meth:`expand_page` for a piece of the page that starts at ``base`` (a template
        argument or a ref's content written in the page): its links keep their spans."""
        out = _Out(track=True)
        self._walk(code, frame, out, base, page_mode=frame.args is None)
        return Expansion(_unhide(out.value()), out.starts, out.src, out.linear)

    def expand(self, code: Wikicode | str, frame: Frame) -> str:
        if isinstance(code, str):
            if "{" not in code and "<" not in code:
                return str(code)  # nothing a preprocessor would touch
            tree = getattr(code, "code", None)
            code = tree if tree is not None else parse_wikitext(code)
        else:
            source = str(code)  # remembered by the tree
            if "{" not in source and "<" not in source:
                # no template, parameter, tag or comment: the walk would give the text back
                self.nodes += len(code.nodes)
                return _unhide(source)
        out = _Out(track=False)
        self._walk(code, frame, out, None, page_mode=frame.args is None)
        return _unhide(out.value())

    # ------------------------------------------------------------------ the walk
    def _walk(self, code: Wikicode, frame: Frame, out: _Out, base: int | None, page_mode: bool) -> None:
        pos = base
        nodes = code.nodes
        skip_to = -1
        for index, node in enumerate(nodes):
            # a node's source is needed for its span, or for a tag or spliced node; a template
            # deep inside another's expansion needs neither (str() of a tree is costly)
            if pos is not None:
                source = str(node)
                end = pos + len(source)
            else:
                source = node.value if isinstance(node, Text) else None
                end = None
            if index <= skip_to:
                pos = end
                continue
            self.nodes += 1
            if self.nodes > self.max_nodes:
                raise LimitExceeded("node-count")
            if isinstance(node, Text):
                if page_mode and "<" in source and _STRAY_SECTION.search(source):
                    source, stop = _stray_sections(source)
                    if stop:
                        out.text(source, pos)
                        return
                cut = source.find("<!--")
                if cut >= 0:  # an unclosed comment runs to the end of the text
                    out.text(source[:cut], pos)
                    return
                out.text(source, pos)
            elif isinstance(node, Comment):
                skip_to = self._comment(nodes, index, out)
            elif isinstance(node, Template):
                self._check_time()
                span = None if pos is None else (pos, end)
                line_start = self._at_line_start(out)
                if span is not None:
                    self.span_stack.append(span)
                try:
                    result = self._template(node, frame, span)
                except LimitExceeded as exc:
                    if span is None:
                        raise
                    # the page's own call: this template stops, the rest of the page renders
                    result = self.host.error("render/limit", LIMIT_MESSAGES.get(str(exc), str(exc)))
                finally:
                    if span is not None:
                        self.span_stack.pop()
                if not line_start and _LINE_SYNTAX.match(result):
                    result = "\n" + result
                if span is not None and "[" in result:
                    result = self._mark_links(result, span)
                self.size += len(result)
                if self.size > self.max_size and span is None:
                    raise LimitExceeded("size")
                out.opaque(result, span)
            elif isinstance(node, Argument):
                span = None if pos is None else (pos, end)
                out.opaque(self._argument(node, frame), span)
            elif isinstance(node, Tag) and not node.wiki_markup:
                self._tag(node, source if source is not None else str(node), frame, out, pos, page_mode)
            elif pos is not None and isinstance(node, (Wikilink, ExternalLink)):
                # the page's own links carry their span to the link renderer in a marker
                self.link_spans.append((pos, end))
                out.marker(f"\ue001{len(self.link_spans) - 1}\ue002", pos)
                self._splice(node, source, frame, out, pos, page_mode)
            else:
                self._splice(node, source if source is not None else str(node), frame, out, pos, page_mode)
            pos = end

    def _mark_links(self, text: str, span: tuple[int, int]) -> str:
        """Links in a template's output are stamped with the call's span."""
        self.link_spans.append(span)
        marker = f"\ue001{len(self.link_spans) - 1}\ue002"
        return _LINK_START.sub(lambda m: marker + m.group(0), text)

    def _splice(self, node, source: str, frame: Frame, out: _Out, pos: int | None, page_mode: bool) -> None:
        """A node written as it stands, with the templates inside it expanded."""
        cursor = 0
        for child in node.__children__():
            child_text = str(child)
            found = source.find(child_text, cursor)
            if found < 0:
                continue
            if found > cursor:
                out.text(source[cursor:found], None if pos is None else pos + cursor)
            self._walk(child, frame, out, None if pos is None else pos + found, page_mode)
            cursor = found + len(child_text)
        if cursor < len(source):
            out.text(source[cursor:], None if pos is None else pos + cursor)

    @staticmethod
    def _at_line_start(out: _Out) -> bool:
        for part in reversed(out.parts):
            if part:
                return part.endswith("\n")
        return True

    def _comment(self, nodes, index: int, out: _Out) -> int:
        """A comment alone on its line (with blanks and other comments) takes the line with it:
        its leading blanks and the newline after it go. Returns the last node index used."""
        k = index - 1
        while k >= 0 and (isinstance(nodes[k], Comment) or _blank_text(nodes[k])):
            k -= 1
        if k < 0 or not isinstance(nodes[k], Text) or not re.search(r"\n[ \t]*$", str(nodes[k])):
            return index
        j = index + 1
        while j < len(nodes) and (isinstance(nodes[j], Comment) or _blank_text(nodes[j])):
            j += 1
        if j >= len(nodes) or not isinstance(nodes[j], Text) or not re.match(r"[ \t]*\n", str(nodes[j])):
            return index
        blanks = out.trailing_line_ws()
        if blanks:
            out.trim(blanks)
        out.skip_line_end = True
        return j - 1

    def _check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise LimitExceeded("time")

    # ------------------------------------------------------------------ tags
    def _tag(self, node: Tag, source: str, frame: Frame, out: _Out, pos: int | None, page_mode: bool) -> None:
        name = str(node.tag).strip().lower()
        span = None if pos is None else (pos, pos + len(source))
        if name in _SECTION_TAGS:
            # on the page itself: <includeonly> goes, the others show their content
            if name == "includeonly" and page_mode:
                return
            if node.self_closing or node.contents is None:
                return
            inner_start = source.find(str(node.contents), source.find(">") + 1)
            self._walk(node.contents, frame, out, None if pos is None else pos + inner_start, page_mode)
            return
        if name in EXTENSION_TAGS:
            source = _unhide(source)
            if self.raw_extension_tags:
                out.text(source, pos)
                return
            m = _EXT_OPEN.match(source)
            attrs = m.group(1) if m else ""
            content: str | None
            if node.self_closing or (m and m.group(2) == "/" and m.end() == len(source)):
                content = None
            else:
                close = _ext_close(str(node.tag)).search(source)
                content = source[m.end() if m else 0: close.start() if close else len(source)]
                if node.contents is not None and _unhide(str(node.contents)) == content:
                    content = ParsedText(content, node.contents)  # parsed once, with the page
                    if pos is not None and frame.args is None:
                        content.offset = pos + (m.end() if m else 0)
            out.opaque(self.host.extension_tag(name, attrs, content, span, frame), span)
            return
        self._splice(node, source, frame, out, pos, page_mode)

    # ------------------------------------------------------------------ parameters
    def _argument(self, node: Argument, frame: Frame) -> str:
        name = self.expand(node.name, frame).strip()
        if frame.args is not None:
            value = self.frame_arg(frame, name)
            if value is not None:
                return value
        if node.default is not None:
            return self.expand(_first_alternative(node.default), frame)
        return "{{{" + name + "}}}"

    def frame_arg(self, frame: Frame, name: str) -> str | None:
        if frame.args is None:
            return None
        if name in frame.cache:
            return frame.cache[name]
        entry = frame.args.get(name)
        if entry is None:
            return None
        code, parent, named = entry
        value = self.expand(code, parent)
        if named:
            value = value.strip()
        frame.cache[name] = value
        return value

    # ------------------------------------------------------------------ templates
    def _template(self, node: Template, frame: Frame, span: tuple[int, int] | None) -> str:
        functions = _functions()
        raw_name = self.expand(node.name, frame)
        if "<" in raw_name and "<" not in _unhide_lt_only(str(node.name)):
            raw_name = self.expand(raw_name, frame)  # a tag hidden in the name runs now
        name = raw_name.strip()
        if name.lower().startswith("subst:"):
            return _unhide(str(node))  # substitution happens on save, never on view
        if name.lower().startswith("safesubst:"):
            name = name.split(":", 1)[1].strip()
        params = node.params
        call_start = (span[0] + 2 + len(str(node.name))) if span is not None else None
        # magic variables ({{PAGENAME}}, {{!}}) and parser functions ({{#if:...}}, {{lc:...}})
        if not params and functions.is_variable(name):
            return functions.variable(self, frame, name)
        colon = name.find(":")
        if colon > 0:
            fname = name[:colon]
            func = functions.lookup(fname)
            if func is not None:
                first = name[colon + 1:]
                args = [PFArg(self, p.name if p.showkey else None, p.value, frame) for p in params]
                try:
                    return func(self, frame, first, args)
                except LimitExceeded:
                    raise
                except Exception as exc:  # a bug in one function must not lose the page
                    return self.host.error("render/parser-function", f"{fname}: {exc}")
        if not name or "\n" in name.strip() or _NOT_IN_TITLE.search(name):
            # not a valid title: MediaWiki leaves the braces as text
            return "{{" + raw_name + "".join("|" + self._param_text(p, frame) for p in params) + "}}"
        title = parse_title(name, default_ns=10)
        if title is None or not title.text:
            return "{{" + raw_name + "".join("|" + self._param_text(p, frame) for p in params) + "}}"
        return self._transclude(title, name, params, frame, span, call_start)

    def _param_text(self, param, frame: Frame) -> str:
        value = self.expand(param.value, frame)
        return self.expand(param.name, frame) + "=" + value if param.showkey else value

    def _transclude(self, title: Title, name: str, params, frame: Frame, span, call_start: int | None) -> str:
        source = self.host.page_source(title)
        redirects = 0
        while source is not None and redirects < 3:
            m = _REDIRECT.match(source)
            if not m:
                break
            target = parse_title(m.group(1))
            if target is None:
                break
            title, source = target, self.host.page_source(target)
            redirects += 1
        if source is None:
            args = self._call_args(params, frame, call_start)
            built = self.host.builtin_template(name, args, span, frame)
            if built is not None:
                return built
            return self.host.missing_template(name, span)
        self.used_templates.append(title.full)
        if title.full in frame.ancestors():
            return self.host.error(
                "render/template-loop",
                "Template loop detected: " + self.host.link_markup(title),
            )
        if frame.depth + 1 > self.max_depth:
            return self.host.error("render/expansion-depth", "Expansion depth limit exceeded")
        args: dict[str, tuple[Wikicode, Frame, bool]] = {}
        index = 0
        for p in params:
            if p.showkey:
                key = self.expand(p.name, frame).strip()
                args[key] = (p.value, frame, True)
            else:
                index += 1
                args[str(index)] = (p.value, frame, False)
        child = Frame(title, args, frame, frame.depth + 1)
        return self.expand(self._template_code(title.full, source), child)

    def _call_args(self, params, frame: Frame, call_start: int | None) -> list[tuple[str | None, str, int | None]]:
        """A built-in renderer's arguments: (name or None, expanded value, source offset);
        the offset is known when the value is the page's own text, unchanged by expansion."""
        result = []
        cursor = call_start
        for p in params:
            code = p.value
            source = str(code)
            raw = _unhide(source)
            name = self.expand(p.name, frame).strip() if p.showkey else None
            if "{" not in source and "<" not in source:
                # what expand() gives for a value with nothing to expand (most values), inline
                self.nodes += len(code.nodes)
                value = raw
            else:
                # refs= of a reference list holds list-defined refs: they run inside the list
                as_list = name == "refs"
                self.raw_extension_tags += as_list
                try:
                    value = self.expand(code, frame)
                finally:
                    self.raw_extension_tags -= as_list
            offset = None
            if value == raw:
                value = ParsedText(value, code)  # its tree serves again when rendered
            if cursor is not None:
                written = len(str(p))
                cursor += 1  # the pipe
                if frame.args is None and value == raw:
                    offset = cursor + written - len(raw)
                cursor += written
            result.append((name, value, offset))
        return result

    def _template_code(self, key: str, source: str) -> Wikicode:
        code = self._parsed.get(key)
        if code is None:
            code = parse_wikitext(transclusion_text(source))
            self._parsed[key] = code
        return code


# MediaWiki's preprocessor knows only extension tags and comments; HTML tags are text to it.
# mwparserfromhell parses them (and then fails a template whose argument opens a <div>), so
# their "<" is hidden from it, one character for one, and put back after expansion.
HIDDEN_LT = "\ue010"
HIDDEN_PIPE = "\ue011"
HIDDEN_GT = "\ue012"
_LINK_START = re.compile(r"(?<!\ue002)(?:\[\[|\[(?=(?i:https?:|ftp:|//|mailto:|news:|irc:)))|(?<![\w/\[\ue002])(?=(?i:https?://))")
_CONVERSION = re.compile(r"-\{[^{}]*\}-")
_SECTION_OR_EXT = "|".join(sorted(EXTENSION_TAGS | set(_SECTION_TAGS)))
_HTML_LT = re.compile(r"<(?!!--|/?(?:%s)(?![^\s/>]))" % _SECTION_OR_EXT, re.I)


_EXT_TOKENS = re.compile(r"<!--.*?(?:-->|$)|<(/?)(%s)(?![^\s/>])[^>]*?(/?)>" % "|".join(sorted(EXTENSION_TAGS)),
                         re.I | re.S)


def _hide_nested_ext_tags(text: str) -> str:
    """MediaWiki's preprocessor ends an extension tag at the first closing tag of its name
    (an opener without one is text): ``<ref>a <ref>b</ref>`` is one ref holding "a <ref>b",
    which Cite reports. mwparserfromhell would nest them, so an opener of the open tag's name
    is hidden (put back with the tag's source)."""
    hide: list[int] = []
    open_name = None
    unclosed: set[str] = set()
    for m in _EXT_TOKENS.finditer(text):
        name = m.group(2)
        if name is None:  # a comment
            continue
        name = name.lower()
        if open_name is not None:
            if name == open_name:
                if m.group(1):
                    open_name = None
                else:
                    hide.append(m.start())
        elif not m.group(1) and not m.group(3) and name not in unclosed:
            if re.compile(r"</%s\s*>" % name, re.I).search(text, m.end()):
                open_name = name
            else:
                unclosed.add(name)
    if not hide:
        return text
    chars = list(text)
    for i in hide:
        chars[i] = HIDDEN_LT
    return "".join(chars)


# a template's output that starts a table or a list line starts a line
_LINE_SYNTAX = re.compile(r"\{\||[:;#*]")
_EXT_OPEN = re.compile(r"<[^\s/>]+([^>]*?)(/?)>")
_NOT_IN_TITLE = re.compile(r"[\[\]<>{}|]")
_REDIRECT = re.compile(r"\s*#redirect\s*:?\s*\[\[([^\]|]+)", re.I)


@functools.lru_cache(maxsize=64)
def _ext_close(tag: str) -> re.Pattern:
    """An extension tag's closing tag at the end of its source."""
    return re.compile(r"</" + re.escape(tag) + r"\s*>$", re.I)


_PARSED: dict[str, Wikicode] = {}
_FUNCTIONS_MODULE = None


def _functions():
    """The parser-function module (it imports this one, hence the late binding)."""
    global _FUNCTIONS_MODULE
    if _FUNCTIONS_MODULE is None:
        from viewer.wikitext.preprocess import functions

        _FUNCTIONS_MODULE = functions
    return _FUNCTIONS_MODULE


_LONE_GT = re.compile(r"<!--.*?-->|</?(?:%s)(?![^\s/>])[^>]*>|>" % _SECTION_OR_EXT, re.I | re.S)
# the comments and tags of _LONE_GT once every ">" is HIDDEN_GT: their ">" are put back, so a
# page's many lone ">" (the HTML tags') are hidden by one str.replace, not one call each
_GT_KEPT = re.compile("<!--.*?--\ue012|</?(?:%s)(?![^\\s/\ue012])[^\ue012]*\ue012" % _SECTION_OR_EXT, re.I | re.S)
_CHUNK_TOKENS = re.compile(
    r"\{\{|\}\}|-\{|\}-|<!--|-->|<(/?)(%s)\b[^>]*?(/?)>|^=[^\n]*=[ \t]*$" % _SECTION_OR_EXT, re.I | re.M)


def page_chunks(text: str) -> list[tuple[int, str]]:
    """The page cut before its top-level headings, where nothing (a template, a comment, an
    extension tag, -{ }-) is open: the parts parse as the whole does, and an unchanged
    section's tree comes from the parse cache when the page is rendered again."""
    if len(text) < 8_000:
        return [(0, text)]
    cuts = [0]
    braces = conv = 0
    comment = False
    open_tags: list[str] = []
    for m in _CHUNK_TOKENS.finditer(text):
        tok = m.group(0)
        if comment:
            if tok == "-->":
                comment = False
            continue
        if tok == "<!--":
            comment = True
        elif tok == "{{":
            braces += 1
        elif tok == "}}":
            braces = max(0, braces - 1)
        elif tok == "-{":
            conv += 1
        elif tok == "}-":
            conv = max(0, conv - 1)
        elif m.group(2):
            name = m.group(2).lower()
            if m.group(1):
                if name in open_tags:
                    del open_tags[open_tags.index(name):]
            elif not m.group(3) and name not in ("noinclude", "includeonly", "onlyinclude") or (
                    name in ("noinclude", "includeonly", "onlyinclude") and not m.group(3)):
                open_tags.append(name)
        elif tok.startswith("=") and not braces and not conv and not open_tags and m.start() - cuts[-1] > 2_000:
            cuts.append(m.start())
    if comment:  # an unclosed comment hides the rest: keep the page whole
        return [(0, text)]
    cuts.append(len(text))
    return [(cuts[i], text[cuts[i]:cuts[i + 1]]) for i in range(len(cuts) - 1)]


def _unhide_lt_only(text: str) -> str:
    return text.replace(HIDDEN_LT, "<")


HIDDEN_TABLE = "\ue019"
_TABLE_START = re.compile(r"(?<![{\ue018])\{(?=\|)")


_NAME_START = re.compile(r"\{\{(?!\{)")
_NAME_STOP = re.compile(r"\[\[|\]\]|\}\}|[{|]")

_COMMENT_TO_END = re.compile(r"<!--.*?(?:-->|$)", re.S)
_LT_NOT_COMMENT = re.compile(r"<(?!!--)")


def _hide_in_names(text: str) -> str:
    """Links and tags in a template or parser function name (``{{lc:x<nowiki/>y}}``,
    ``{{anchorencode:[[a|b]]}}``) are text to MediaWiki's preprocessor; mwparserfromhell
    gives up on such a name, so they are hidden from it there and put back afterwards."""
    out, pos = [], 0
    for m in _NAME_START.finditer(text):
        if m.start() < pos:
            continue
        i, depth = m.end(), 0
        while True:  # to the name's end: "{", "}}" or a "|" outside [[ ]]
            stop = _NAME_STOP.search(text, i)
            if stop is None:
                i = len(text)
                break
            token, j = stop.group(), stop.start()
            if token == "[[":
                depth, i = depth + 1, j + 2
            elif token == "]]":
                depth, i = (depth - 1, j + 2) if depth else (depth, j + 1)
            elif token == "|" and depth:
                i = j + 1
            else:
                i = j
                break
        name = text[m.end():i]
        if "[" not in name and "<" not in name:
            continue  # (nothing to hide: most names)
        probe = _COMMENT_TO_END.sub("", name) if "<!--" in name else name  # comments are fine there
        if "[" in probe or "<" in probe:
            name = name.replace("[", "\ue013").replace("]", "\ue014")
            name = _LT_NOT_COMMENT.sub("\ue015", name).replace("|", HIDDEN_PIPE)
            out.append(text[pos:m.end()] + name)
            pos = i
    out.append(text[pos:])
    return "".join(out)


def _unhide(text: str) -> str:
    if "\ue010" in text:
        text = text.replace(HIDDEN_LT, "<")
    if "\ue011" in text:
        text = text.replace(HIDDEN_PIPE, "|")
    if "\ue012" in text:
        text = text.replace(HIDDEN_GT, ">")
    if "\ue018" in text:
        text = text.replace(HIDDEN_BRACE, "{")
    if "\ue019" in text:
        text = text.replace(HIDDEN_TABLE, "{")
    if "\ue013" in text or "\ue014" in text or "\ue015" in text:
        text = text.replace("\ue013", "[").replace("\ue014", "]").replace("\ue015", "<")
    return text


def parse_wikitext(text: str) -> Wikicode:
    """mwparserfromhell's tree of ``text`` as MediaWiki's preprocessor sees it. Trees are
    shared read-only, so a small cache serves repeated arguments and ref contents."""
    found = _PARSED.get(text)
    if found is not None:
        return found
    if text.count("{{") > text.count("}}"):
        text = hide_unclosed_braces(text)
    if "{|" in text:  # tables are the parser's, not the preprocessor's: a "|" in one splits
        text = _TABLE_START.sub(HIDDEN_TABLE, text)  # template arguments, as in MediaWiki
    if "{{" in text and ("[" in text or "<" in text):
        text = _hide_in_names(text)
    if "<" in text:
        hidden = _HTML_LT.sub(HIDDEN_LT, _hide_nested_ext_tags(text) if text.count("<") > 2 else text)
    else:
        hidden = text
    if ">" in hidden:  # a ">" outside tags and comments is text (mwparserfromhell balks at it in names)
        if HIDDEN_GT in hidden:  # (never in real text) ">" and HIDDEN_GT must stay apart
            hidden = _LONE_GT.sub(lambda m: m.group(0) if len(m.group(0)) > 1 else HIDDEN_GT, hidden)
        else:
            hidden = _GT_KEPT.sub(lambda m: m.group(0).replace(HIDDEN_GT, ">"), hidden.replace(">", HIDDEN_GT))
    if "-{" in hidden:  # a pipe inside -{ }- does not split template arguments
        hidden = _CONVERSION.sub(lambda m: m.group(0).replace("|", HIDDEN_PIPE), hidden)
    code = _tree.parse(hidden, skip_style_tags=True)  # mwparserfromhell's tree, built faster
    if len(text) < 60_000:
        if len(_PARSED) > 4096:
            _PARSED.clear()
        _PARSED[text] = code
    return code


_STRAY_SECTION = re.compile(r"</?(?:noinclude|onlyinclude)\s*>|<includeonly\s*>", re.I)


def _stray_sections(text: str) -> tuple[str, bool]:
    """Unpaired section tags on the page itself: <noinclude>/<onlyinclude> are transparent,
    an unclosed <includeonly> hides the rest. Returns (text, whether the rest is hidden).
    (The replacement keeps offsets only approximately; these tags are rare and short.)"""
    m = re.search(r"<includeonly\s*>", text, re.I)
    stop = False
    if m:
        text, stop = text[: m.start()], True
    return re.sub(r"</?(?:noinclude|onlyinclude)\s*>", "", text, flags=re.I), stop


def _first_alternative(default: Wikicode) -> Wikicode | str:
    """``{{{a|b|c}}}`` defaults to ``b``: the default ends at its first top-level pipe."""
    for i, node in enumerate(default.nodes):
        if isinstance(node, Text) and "|" in node.value:
            return "".join(str(n) for n in default.nodes[:i]) + node.value.split("|", 1)[0]
    return default


def _blank_text(node) -> bool:
    return isinstance(node, Text) and not str(node).strip(" \t")


_ONLY = re.compile(r"<onlyinclude>(.*?)</onlyinclude>", re.S | re.I)
_NOINCLUDE = re.compile(r"<noinclude\s*>.*?(?:</noinclude\s*>|$)|<noinclude\s*/>", re.S | re.I)
_INCLUDEONLY_TAGS = re.compile(r"</?includeonly\s*/?>", re.I)


def transclusion_text(source: str) -> str:
    """What a page gives when transcluded: its <onlyinclude> parts if any, less <noinclude>."""
    only = _ONLY.findall(source)
    if only:
        source = "".join(only)
    source = _NOINCLUDE.sub("", source)
    return _INCLUDEONLY_TAGS.sub("", source)
