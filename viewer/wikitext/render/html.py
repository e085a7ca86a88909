"""Wikitext -> HTML as MediaWiki 1.39 renders it: the entry point and the pass pipeline.

The order is MediaWiki's: expand templates (extension tags become strip markers), sanitise
HTML tags, tables, headings, internal links, bold/italic, external and magic links, heading
ids and the TOC, then paragraphs and lists; strip markers are put back last. Source spans
ride along: the expander maps the expanded text back to the source, lines keep their spans
through the line-preserving passes, and elements get ``data-wv-src``.
"""

from __future__ import annotations

import html as htmlmod
import re
import time
from typing import Any

from viewer.wikitext.preprocess import Expander, Expansion, Frame, LimitExceeded, Title, parse_title
from viewer.wikitext.preprocess.expand import HIDDEN_LT, LIMIT_MESSAGES, parse_wikitext
from viewer.wikitext.render import exttags, files, sanitize
from viewer.wikitext.render.blocks import do_block_levels
from viewer.wikitext.render.cite import Cite
from viewer.wikitext.render.headings import do_headings, format_headings
from viewer.wikitext.render.htmltags import BLOCK_TAGS, remove_html_tags
from viewer.wikitext.render.links import LINK_OPEN, external_links, internal_links, magic_links
from viewer.wikitext.render.pwrap import p_wrap
from viewer.wikitext.render.quotes import do_all_quotes
from viewer.wikitext.render.tables import do_table_stuff
from viewer.wikitext.render.result import RenderOptions, RenderResult
from viewer.wikitext.render.spans import PendingSpans
from viewer.wikitext.render.templates import Arg, TemplateCall, lookup, normalize_name

__all__ = ["render_page", "Renderer"]

_STRIP = re.compile("\x7fUNIQ--([a-z]+)-(\\d+)-QINU\x7f")
# every branch starts with a literal, so the search skips to those characters (3x faster)
_LEFTOVER = re.compile("\ue001(?:\\d+\ue002)?|\ue016(?:\\d+\ue017)?|\ue002|\ue005|\ue017|\x04|\x06|\x07|\x7fUNIQ--toc-QINU\x7f")
_DOUBLE_UNDERSCORE = re.compile(
    r"__(NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|HIDDENCAT|"
    r"NOCONTENTCONVERT|NOCC|NOTITLECONVERT|NOTC|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG|"
    r"EXPECTUNUSEDCATEGORY|NOGLOBAL)__", re.I)


def _by_first_letter(names) -> str:
    """An alternation of names grouped by their first letter (``d(?:iv|l|t)|...``): the regex
    engine then tries one group at a '<', not every name (template output: 0.80 -> 0.57 ms)."""
    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        groups.setdefault(name[0], []).append(name[1:])
    return "|".join(f"{first}(?:{'|'.join(sorted(rests, key=lambda r: (-len(r), r)))})"
                    for first, rests in sorted(groups.items()))


_BLOCK_OPEN = re.compile(r"<(?=[a-zA-Z])(%s)\b(?![^>]*data-wv-src)" % _by_first_letter(BLOCK_TAGS), re.I)
_BLOCK_START = re.compile(r"\s*</?(div|table|ol|ul|dl|p|h[1-6]|blockquote|pre|center)\b", re.I)
_FIRST_TAG = re.compile(r"^(\s*<([a-zA-Z][a-zA-Z0-9]*))((?:\s[^>]*)?)(/?>)")
_SPECIAL = re.compile(r"[\[\]{}<>'&_~:*#;=|!\n\x7f\ue000-\ue0ff-]|^ |ISBN|RFC|PMID|//")
_ENTITY = re.compile(r"&(?:([A-Za-z\u0590-\u06ff][A-Za-z0-9\u0590-\u06ff]*);|#([0-9]+);|#[xX]([0-9A-Fa-f]+);)?")
_WIKI_ENTITIES = {"רלמ": "&rlm;", "رلم": "&rlm;"}  # MediaWiki's own right-to-left marks


class Renderer:
    """One render of one page: the expander's host and the template renderers' context."""

    def __init__(self, text: str, options: RenderOptions) -> None:
        self.source = text
        self.options = options
        self.page_title: Title = parse_title(options.title) or Title(0, "Main Page")
        self.title = options.title  # TemplateContext: the page title as given
        self.templates_dir = options.templates_dir
        self.lang = options.lang or "en"
        self.variant = options.variant
        self.spans = PendingSpans()
        self.strip: list[tuple[str, tuple[int, int] | None]] = []
        self.link_tags: list[str] = []
        self.categories: list[tuple[str, str | None]] = []
        self.language_links: list[str] = []
        self.missing: list[str] = []
        self.autonumber = 0
        self.pending_skip_lines = 0
        self.folded_lines = False
        self.cite = Cite(self.lang, self._ref_inline, self.page_source)
        self.show_toc: bool | None = None
        self.toc_marker: str | None = None
        self.edit_sections = True
        self._pages = {self._page_key(k): v for k, v in options.pages.items()}
        limits = options.limits
        self.expander = Expander(
            self, max_depth=limits.max_expansion_depth, max_size=limits.max_expanded_size,
            max_nodes=limits.max_nodes, deadline=time.monotonic() + limits.time_limit_s)
        self.root = Frame(self.page_title)
        self._frames: list[Frame] = [self.root]
        self._call_spans: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ pages
    @staticmethod
    def _page_key(title: str) -> str:
        t = parse_title(title)
        return t.full if t else title

    def page_source(self, title: Title | str) -> str | None:
        if isinstance(title, str):
            parsed = parse_title(title)
            if parsed is None:
                return None
            title = parsed
        found = self._pages.get(title.full)
        if found is not None:
            return found
        folder = self.options.templates_dir
        if folder is not None and title.ns == 10:
            for name in (title.text, title.text.replace(" ", "_")):
                path = folder / f"{name}.wiki"
                try:
                    if path.is_file():
                        return path.read_text(encoding="utf-8")
                except OSError:
                    return None
        return None

    def page_exists(self, title: Title) -> bool:
        if not self._pages:
            return True  # no wiki to ask: every link is blue
        return title.full in self._pages or (title.full == "Main Page")

    # ------------------------------------------------------------------ strip markers
    def add_strip(self, kind: str, html: str, span: tuple[int, int] | None = None, *, stamped: bool = False) -> str:
        """``stamped``: the html has been through :func:`_stamp` with ``span`` (stamping again
        would change nothing: every block tag it matched carries a span now)."""
        if span is not None and not stamped and "<" in html:
            html = _BLOCK_OPEN.sub(f'\\g<0> data-wv-src="{span[0]}-{span[1]}"', html)
        self.strip.append((html, span))
        return f"\x7fUNIQ--{kind}-{len(self.strip) - 1}-QINU\x7f"

    def unstrip(self, text: str) -> str:
        for _ in range(50):
            if "\x7fUNIQ--" not in text:
                break
            text = _STRIP.sub(self._strip_item, text)
        return text

    def _strip_item(self, m: re.Match) -> str:
        index = int(m.group(2))
        return self.strip[index][0] if index < len(self.strip) else ""

    def unstrip_nowiki(self, text: str) -> str:
        if "\x7fUNIQ--" not in text:
            return text
        return _STRIP.sub(lambda m: htmlmod.unescape(self.strip[int(m.group(2))][0]) if m.group(1) == "nowiki"
                          else m.group(0), text)

    def _stamp_first_link(self, out: str, span: tuple[int, int] | None) -> None:
        """A template output that starts with a link: the call's span goes on the stored link
        tag, since its placeholder (``<a \ue005N\ue005>``) must stay as it is."""
        link = LINK_OPEN.match(out.lstrip()) if span else None
        if link:
            index = int(link.group(1))
            tag = self.link_tags[index]
            if "data-wv-src" not in tag and tag.endswith(">"):
                self.link_tags[index] = f'{tag[:-1]} data-wv-src="{span[0]}-{span[1]}">'

    def link_placeholder(self, tag: str) -> str:
        self.link_tags.append(tag)
        return f"<a \ue005{len(self.link_tags) - 1}\ue005>"

    def link_span(self, index: int) -> tuple[int, int] | None:
        spans = self.expander.link_spans
        return spans[index] if 0 <= index < len(spans) else None

    def current_span(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is not None:
            return span
        if self._call_spans:
            return self._call_spans[-1]
        stack = self.expander.span_stack
        return stack[-1] if stack else None

    # ------------------------------------------------------------------ expander host
    def extension_tag(self, name: str, attrs: str, content: str | None, span, frame: Frame) -> str:
        span = self.current_span(span)
        try:
            return exttags.render(self, name, attrs, content, span, frame)
        except LimitExceeded:
            raise
        except Exception as exc:  # never lose the page for one tag
            return self.add_strip("general", self.error_html("render/tag", f"&lt;{name}&gt;: {htmlmod.escape(str(exc))}"), span)

    def builtin_template(self, name: str, args, span, frame: Frame) -> str | None:
        renderer = lookup(name)
        if renderer is None:
            return None
        values: dict[str, Arg] = {}
        placed: dict[str, None] = {}  # the names in source order, a duplicate at its last place
        index = 0
        for key, value, offset in args:
            code = getattr(value, "code", None)
            if key is None:
                index += 1
                key = str(index)
            else:
                if offset is not None:  # stripping moves the start
                    offset += len(value) - len(value.lstrip())
                value = value.strip()
            if key in placed:
                del placed[key]
            placed[key] = None
            values[key] = arg = Arg(value, offset)
            arg.code = code
        order = tuple(placed)
        outer = self.current_span(span)
        call = TemplateCall(normalize_name(name), values, order, span, name)
        if outer:
            self._call_spans.append(outer)
        try:
            out = renderer(call, self)
        except LimitExceeded:
            raise
        except Exception as exc:
            out = self.error_html("render/template", f"{{{{{htmlmod.escape(name)}}}}}: {htmlmod.escape(str(exc))}")
        finally:
            if outer:
                self._call_spans.pop()
        out = _stamp(out or "", outer)
        self._stamp_first_link(out, outer)
        # output that opens or closes a block ({{div col end}} is "</div>") is a block
        kind = "block" if _BLOCK_START.match(out) else "general"
        return self.add_strip(kind, out, outer, stamped=True)

    def missing_template(self, name: str, span) -> str:
        span = self.current_span(span)
        if name not in self.missing:
            self.missing.append(name)
        src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
        html = (f'<span class="wv-template-missing" data-template="{htmlmod.escape(name, quote=True)}"{src}>'
                f"{{{{{htmlmod.escape(name)}}}}}</span>")
        return self.add_strip("general", html, span)

    def link_markup(self, title: Title) -> str:
        return f"[[:{title.full}]]"

    def error_html(self, code: str, message_html: str, span: tuple[int, int] | None = None) -> str:
        src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
        return f'<span class="error wv-error" data-code="{htmlmod.escape(code, quote=True)}"{src}>{message_html}</span>'

    # ------------------------------------------------------------------ TemplateContext
    def error(self, code: str, message: str) -> str:
        """An inline error; ``message`` is wikitext (it may hold a link). Its braces are text:
        a message naming its template (``{{lang}}：缺少语言代码``) would otherwise call it again."""
        span = self.current_span(None)
        message = message.replace("{", "&#123;").replace("}", "&#125;")
        return self.add_strip("general", self.error_html(code, self.inline(message), span), span)

    def expand(self, wikitext: str) -> str:
        frame = self._frames[-1]
        return self.expander.expand(wikitext, frame)

    def inline(self, wikitext: Any) -> str:
        return self._fragment(wikitext, block=False)

    def block(self, wikitext: Any) -> str:
        return self._fragment(wikitext, block=True)

    def ref(self, content: str, *, name: str | None = None, group: str = "") -> str:
        attrs = {}
        if name:
            attrs["name"] = name
        if group:
            attrs["group"] = group
        span = self._call_spans[-1] if self._call_spans else None
        return self.cite.ref(content if content else None, attrs, span)

    def references(self, group: str = "", *, columns: str | None = None, refs: str = "") -> str:
        if refs:
            self._define_list(refs, group)
        span = self._call_spans[-1] if self._call_spans else None
        src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
        # {{reflist}}'s shape on Wikipedia: the list inside div.reflist, which sets the columns
        style = ""
        if columns and columns.strip() not in ("", "1"):
            value = columns.strip()
            style = (f' style="column-count: {int(value)};"' if value.isdigit()
                     else f' style="column-width: {htmlmod.escape(value, quote=True)};"')
        if group in ("lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "lower-greek"):
            style = style[:-1] + f' list-style-type: {group};"' if style else f' style="list-style-type: {group};"'
        inner = self.cite.references(group, False, src)
        return f'<div class="reflist"{style}{src}>{inner}</div>'

    def _define_list(self, wikitext: str, group: str) -> None:
        previous = self.cite.in_references
        self.cite.in_references = group
        try:
            self.expander.expand(wikitext, self._frames[-1])
        finally:
            self.cite.in_references = previous

    def add_category(self, name: str, sort_key: str | None = None) -> None:
        name = " ".join(name.replace("_", " ").split())
        if name and all(c[0] != name for c in self.categories):
            self.categories.append((name, sort_key))

    def _ref_inline(self, wikitext: str) -> str:
        return self._fragment(wikitext, block=False, keep_markers=True)

    # ------------------------------------------------------------------ rendering
    def _fragment(self, wikitext: Any, *, block: bool, keep_markers: bool = False) -> str:
        """Render a piece of wikitext in the current frame. An :class:`Arg` with an offset keeps
        its source spans; otherwise the enclosing template call's span stands for it."""
        text = str(wikitext)
        if not block and not _SPECIAL.search(text):
            return text  # plain words: nothing to parse
        offset = getattr(wikitext, "offset", None)
        outer = self._call_spans[-1] if self._call_spans else None
        tree = getattr(wikitext, "code", None)
        exp = None
        try:
            if offset is not None:
                # written in the page: expand with spans, so links inside keep theirs
                if tree is None:
                    tree, lead = parse_wikitext(text), 0
                else:
                    raw = str(tree).replace(HIDDEN_LT, "<")
                    lead = len(raw) - len(raw.lstrip()) if raw.strip() == text else 0
                exp = self.expander.expand_at(tree, self._frames[-1], offset - lead)
                if lead or text == text.strip():
                    exp = exp.stripped()
                expanded = exp.text
            elif tree is not None:
                expanded = self.expander.expand(tree, self._frames[-1])
                if text == text.strip() and expanded != text:
                    expanded = expanded.strip()  # a named argument's value is stripped
            else:
                expanded = self.expander.expand(text, self._frames[-1])
        except LimitExceeded as exc:
            return self.error_html("render/limit", _limit_message(str(exc)))
        if exp is None:  # not written in the page: the enclosing call's span stands for it
            exp = Expansion(expanded, [0], [outer if outer is not None else (0, 0)], [False])
        out = self._passes(exp, block=block, main=False)
        if keep_markers:
            return out
        return self.unstrip(out)

    def _passes(self, exp: Expansion, *, block: bool, main: bool) -> str:
        text = exp.text
        # line spans of the expanded text, kept aligned by the line-preserving passes
        line_spans = []
        pos = 0
        for line in text.split("\n"):
            line_spans.append(exp.span(pos, pos + len(line)))
            pos += len(line) + 1
        text = remove_html_tags(text, self.spans, exp.span, self.attributes, exp.is_linear)
        lines = text.split("\n")
        if len(lines) != len(line_spans):  # a tag spanning lines was folded: keep spans in range
            line_spans = (line_spans + [line_spans[-1]] * len(lines))[: len(lines)]
            self.folded_lines |= main  # the page's later lines have their neighbours' spans
        if "{|" in text:
            lines = do_table_stuff(lines, line_spans, self.attributes, self.spans)
        text = "\n".join(lines)
        if "__" in text:
            text = self._double_underscore(text)
        if "----" in text:
            text = _rules(text, line_spans)
        if "=" in text:
            text = "\n".join(do_headings(text.split("\n"), line_spans))
        text = internal_links(self, text)
        if main:
            self._before_external_links()
        text = do_all_quotes(text)
        text = external_links(self, text)
        text = magic_links(self, text)
        if main:
            text = self._page_headings(text)
        if block:
            if main and text.count("\n") + 1 != len(line_spans):
                self.folded_lines = True  # a pass joined lines: the rest of the page's lines are off by some
            text = self._block_levels(text, line_spans, main)
        return text

    def _before_external_links(self) -> None:
        """The page's own external links are numbered after every link in template and ref
        output and in the page's internal links (MediaWiki's passes run over the whole page)."""

    def _block_levels(self, text: str, line_spans, main: bool) -> str:
        return do_block_levels(text, self.spans, line_spans)

    def _page_headings(self, text: str) -> str:
        """Ids and edit links on the page's headings, and its TOC (incremental rendering
        numbers them chunk by chunk instead)."""
        text, self.headlines = format_headings(
            text, page_title=self.page_title.full, show_toc=self.show_toc, toc_marker=self.toc_marker,
            unstrip=self.unstrip,
            max_toc_level=999, make_block=lambda h: self.add_strip("block", h),
            edit_sections=self.edit_sections, lang=self.heading_lang)
        return text

    @property
    def heading_lang(self) -> str:
        return "zh" if self.lang.startswith("zh") else self.lang

    def resolve(self, html: str) -> str:
        """Strip markers and link placeholders put back."""
        return LINK_OPEN.sub(lambda m: self.link_tags[int(m.group(1))], self.unstrip(html))

    def attributes(self, tag: str, raw: str) -> str:
        """A tag's attributes made safe; strip markers in them are put back first (a nowiki
        or a template's output inside an attribute value), as MediaWiki's unstripBoth."""
        if "\x7fUNIQ--" in raw:
            raw = self.unstrip(raw)
        return sanitize.sanitize_attributes(tag, raw)

    def _double_underscore(self, text: str) -> str:
        def word(m: re.Match) -> str:
            w = m.group(1).upper()
            if w == "NOTOC":
                self.show_toc = False
            elif w == "FORCETOC":
                if self.show_toc is not False:
                    self.show_toc = True
            elif w == "TOC":
                if self.toc_marker is None:
                    self.toc_marker = "\x7fUNIQ--toc-QINU\x7f"  # not a strip item: replaced by the TOC
                    return self.toc_marker
            elif w == "NOEDITSECTION":
                self.edit_sections = False
            return ""

        return _DOUBLE_UNDERSCORE.sub(word, text)

    def file_link(self, title: Title, options: str, span) -> str:
        return files.render(self, title, options, span)

    def render(self, text: str) -> RenderResult:
        self.headlines = []
        try:
            exp = self.expander.expand_page(text, self.root)
        except LimitExceeded as exc:
            body = self.error_html("render/limit", _limit_message(str(exc)))
            return RenderResult(html=f'<div class="mw-parser-output">{body}</div>')
        except RecursionError:
            body = self.error_html("render/limit", "Expansion depth limit exceeded")
            return RenderResult(html=f'<div class="mw-parser-output">{body}</div>')
        body = self._passes(exp, block=True, main=True)
        tail = self.cite.leftovers()
        if tail:
            body += "\n" + self.unstrip(tail)
        body = finish_body(self.resolve(body), self.spans)
        display_title = _plain(self.inline(self.expander.display_title)) if self.expander.display_title else ""
        variant = _conversion_variant(self.lang, self.variant)
        if variant is not None:
            from viewer.wikitext.variants import convert_html

            try:
                converted = convert_html(body, variant)
            except Exception as exc:  # the page stays readable, as written
                body = self.error_html("render/variants", htmlmod.escape(f"Variant conversion failed: {exc}")) + body
            else:
                body = converted.html
                if getattr(converted, "display_title", None):
                    display_title = _plain(converted.display_title)
                elif not display_title:  # MediaWiki shows the page's own title converted too
                    from viewer.wikitext.variants import convert_text

                    display_title = convert_text(self.title, variant)
        display_title = display_title or self.title
        body = sanitize.final_pass(body)  # last, so nothing added after it escapes it
        html = f'<div class="mw-parser-output">{body}</div>'
        return RenderResult(
            html=html,
            display_title=display_title,
            categories=tuple(name for name, _ in self.categories),
            language_links=tuple(self.language_links),
            missing_templates=tuple(self.missing),
        )


def finish_body(body: str, spans: PendingSpans) -> str:
    """The passes after strip markers are back: paragraphs for loose inline content, French
    spaces, source spans filled in, private markers gone, character references normalised."""
    body = p_wrap(body)
    body = armor_french_spaces(body)
    body = spans.fill(body)
    body = _LEFTOVER.sub("", body)
    return normalize_char_references(body)


_FRENCH = re.compile(r" (?=[?:;!%»›](?!\w))|(?<=[«‹]) ")
_FRENCH_ANY = re.compile(r" (?:(?=[?:;!%»›](?!\w))|(?<=[«‹] ))")  # _FRENCH's matches, found from the space
_TEXT_OR_TAG = re.compile(r"<[^>]*>|[^<]+")


def armor_french_spaces(html: str) -> str:
    """A space before ``? : ; ! % » ›`` or after ``« ‹`` becomes a no-break space, in text
    only (Sanitizer::armorFrenchSpaces)."""
    if not _FRENCH_ANY.search(html):  # (a pattern that starts with " ": 5x faster than the old check)
        return html
    return _TEXT_OR_TAG.sub(lambda m: m.group(0) if m.group(0).startswith("<") else _FRENCH.sub("&#160;", m.group(0)), html)


def _plain(html: str) -> str:
    """The text of an HTML fragment (the display title is plain text)."""
    return htmlmod.unescape(re.sub(r"<[^>]*>", "", _LEFTOVER.sub("", html))).strip()


def _conversion_variant(lang: str, variant: str | None) -> str | None:
    """The variant to convert the page to: zh always (the contract), and any other language
    the variants module has a converter for (sr, kk...); None without one."""
    try:
        from viewer.wikitext import variants
    except ImportError:
        return None
    choose = getattr(variants, "conversion_variant", None)
    if choose is not None:
        try:
            return choose(lang, variant)
        except ValueError:
            return None
    return (variant or "zh") if lang.startswith("zh") else None


def _rules(text: str, line_spans) -> str:
    """``----`` at a line start is a horizontal rule (extra dashes are eaten)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("----"):
            s, e = line_spans[i] if i < len(line_spans) else (0, 0)
            lines[i] = re.sub(r"^-{4,}", f'<hr data-wv-src="{s}-{e}" />', line)
    return "\n".join(lines)


def _limit_message(kind: str) -> str:
    return LIMIT_MESSAGES.get(kind, "Expansion depth limit exceeded")


def _stamp(out: str, span: tuple[int, int] | None) -> str:
    """A built-in template's HTML with the call's span on its first element and on every
    block element that has none."""
    if span is None or not out:
        return out
    attr = f' data-wv-src="{span[0]}-{span[1]}"'
    m = _FIRST_TAG.match(out)
    # a link's attributes are a placeholder (<a \ue005N\ue005>) that must stay as it is; the link
    # carries its own span
    if m and "data-wv-src" not in m.group(3) and "\ue005" not in m.group(3):
        out = out[: m.end(3)] + attr + out[m.end(3):]
    return _BLOCK_OPEN.sub("\\g<0>" + attr, out)  # (attr has no backslash: a plain template)


def _entity_fix(m: re.Match) -> str:
    name, dec, hexa = m.group(1), m.group(2), m.group(3)
    if name is not None:
        if (name + ";") in _HTML5 or name in ("amp", "lt", "gt", "quot"):
            return m.group(0)
        if name in _WIKI_ENTITIES:
            return _WIKI_ENTITIES[name]
        return "&amp;" + name + ";"
    if dec is not None:
        return m.group(0) if _valid_point(int(dec)) else "&amp;#" + dec + ";"
    if hexa is not None:
        return m.group(0) if _valid_point(int(hexa, 16)) else "&amp;#x" + hexa + ";"
    return "&amp;"


def _valid_point(n: int) -> bool:
    """Code points a character reference may name (Sanitizer::validateCodepoint): no controls,
    no C1 range, no surrogates or non-characters."""
    return n in (0x9, 0xA) or 0x20 <= n <= 0x7E or 0xA0 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or (
        0x10000 <= n <= 0x10FFFF)


from html.entities import html5 as _HTML5  # noqa: E402


def normalize_char_references(html: str) -> str:
    """Bare ``&`` and unknown entities become ``&amp;`` (Sanitizer::normalizeCharReferences)."""
    if "&" not in html:
        return html
    return _ENTITY.sub(_entity_fix, html)


def render_page(text: str, options: RenderOptions) -> RenderResult:
    """The article body of ``text`` as MediaWiki would show it, with source spans. Never
    raises: a failure shows as an inline error above the text, escaped."""
    limit = options.limits.max_expanded_size
    if len(text) > limit:
        # like $wgMaxArticleSize: a text this long is not rendered whole; its beginning is
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        result = render_page(text[:cut], options)
        note = (f'<div class="error wv-error" data-code="render/too-long" data-wv-src="{cut}-{len(text)}">'
                f"The text is {len(text):,} characters long, over the limit of {limit:,}: only its first "
                f"{cut:,} characters are shown.</div>")
        body = result.html[len('<div class="mw-parser-output">'):]
        return RenderResult(
            html=f'<div class="mw-parser-output">{note}{body}', display_title=result.display_title,
            categories=result.categories, language_links=result.language_links,
            missing_templates=result.missing_templates)
    try:
        return Renderer(text, options).render(text)
    except RecursionError:
        body = '<span class="error wv-error" data-code="render/limit">Expansion depth limit exceeded</span>'
    except Exception as exc:  # a renderer bug must not take the preview down
        body = (f'<div class="error wv-error" data-code="render/internal" data-wv-src="0-{len(text)}">'
                f"The preview failed ({htmlmod.escape(type(exc).__name__)}: {htmlmod.escape(str(exc))}); "
                f"the text is shown as written.</div><pre data-wv-src=\"0-{len(text)}\">{htmlmod.escape(text)}</pre>")
    return RenderResult(html=f'<div class="mw-parser-output">{body}</div>')
