"""The Cite extension: ``<ref>`` numbering, named reuse, groups, ``follow=``, list-defined refs,
``<references/>`` and its errors, with MediaWiki 1.39's output structure and messages."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Callable

from viewer.wikitext.render import sanitize

__all__ = ["Cite", "MESSAGES"]

MESSAGES = {
    "en": {
        "cite_error": "Cite error: $1",
        "cite_error_ref_numeric_key": "Invalid <code>&lt;ref&gt;</code> tag;\nname cannot be a simple integer. Use a descriptive title",
        "cite_error_ref_no_key": "The opening <code>&lt;ref&gt;</code> tag is malformed or has a bad name",
        "cite_error_ref_too_many_keys": "Invalid <code>&lt;ref&gt;</code> tag;\ninvalid names, e.g. too many",
        "cite_error_ref_no_input": "Invalid <code>&lt;ref&gt;</code> tag;\nrefs with no name must have content",
        "cite_error_references_duplicate_key": "Invalid <code>&lt;ref&gt;</code> tag; name \"$1\" defined multiple times with different content",
        "cite_error_references_invalid_parameters": "Invalid parameter in <code>&lt;references&gt;</code> tag",
        "cite_error_references_no_text": "Invalid <code>&lt;ref&gt;</code> tag;\nno text was provided for refs named <code>$1</code>",
        "cite_error_included_ref": "Closing <code>&lt;/ref&gt;</code> missing for <code>&lt;ref&gt;</code> tag",
        "cite_error_included_references": "Closing tag missing for <code>&lt;references&gt;</code>",
        "cite_error_group_refs_without_references": "<code>&lt;ref&gt;</code> tags exist for a group named \"$1\", but no corresponding <code>&lt;references group=\"$1\"/&gt;</code> tag was found",
        "cite_error_references_group_mismatch": "<code>&lt;ref&gt;</code> tag in <code>&lt;references&gt;</code> has conflicting group attribute \"$1\".",
        "cite_error_references_missing_key": "<code>&lt;ref&gt;</code> tag with name \"$1\" defined in <code>&lt;references&gt;</code> is not used in prior text.",
        "cite_error_references_missing_group": "<code>&lt;ref&gt;</code> tag with name \"$1\" defined in <code>&lt;references&gt;</code> has group attribute \"$2\" which does not appear in prior text.",
        "cite_error_ref_invalid_dir": "Invalid <code>dir=\"$1\"</code>, must be <code>ltr</code> or <code>rtl</code>",
        "cite_error_references_no_key": "<code>&lt;ref&gt;</code> tag defined in <code>&lt;references&gt;</code> has no name attribute.",
        "cite_error_empty_references_define": "<code>&lt;ref&gt;</code> tag with name \"$1\" defined in <code>&lt;references&gt;</code> group \"$2\" has no content.",
    },
    # Cite's i18n/zh-hans.json
    "zh": {
        "cite_error": "引用错误：$1",
        "cite_error_ref_numeric_key": "<code>&lt;ref&gt;</code>标签无效；name（名称）不能是单纯整数，请使用描述性标题",
        "cite_error_ref_no_key": "开放式<code>&lt;ref&gt;</code>标签格式错误或有错误的name（名称）",
        "cite_error_ref_too_many_keys": "<code>&lt;ref&gt;</code>标签内有无效参数",
        "cite_error_ref_no_input": "<code>&lt;ref&gt;</code>标签无效；没有name（名称）的ref（参考）必须有内容",
        "cite_error_references_duplicate_key": "<code>&lt;ref&gt;</code>标签无效；同一name（名称）“$1”以不同内容定义了多次",
        "cite_error_references_invalid_parameters": "<code>&lt;references&gt;</code>标签内有无效参数",
        "cite_error_references_no_text": "<code>&lt;ref&gt;</code>标签无效；未给name（名称）为<code>$1</code>的ref（参考）提供文本",
        "cite_error_included_ref": "<code>&lt;ref&gt;</code>标签缺少关闭标签<code>&lt;/ref&gt;</code>",
        "cite_error_included_references": "<code>&lt;references&gt;</code>缺少关闭标记",
        "cite_error_group_refs_without_references": "名称为“$1”的group（分组）存在<code>&lt;ref&gt;</code>标签，但未找到对应的<code>&lt;references group=\"$1\"/&gt;</code>标签",
        "cite_error_references_group_mismatch": "<code>&lt;references&gt;</code>内的<code>&lt;ref&gt;</code>标签有冲突的group（分组）属性“$1”。",
        "cite_error_references_missing_key": "<code>&lt;references&gt;</code>内定义的name（名称）为“$1”的<code>&lt;ref&gt;</code>标签未在前文内使用。",
        "cite_error_ref_invalid_dir": "<code>dir=\"$1\"<code>无效，值必须为<code>ltr</code>或<code>rtl</code>",
        "cite_error_references_no_key": "<code>&lt;references&gt;</code>内定义的<code>&lt;ref&gt;</code>标签没有设置name（名称）属性。",
        "cite_error_empty_references_define": "group（分组）为“$2”的<code>&lt;references&gt;</code>内定义的name（名称）为“$1”的<code>&lt;ref&gt;</code>标签没有内容。",
    },
}
# message key -> WikiView diagnostic code (../shared/spec/references.md §2)
CODES = {
    "cite_error_references_no_text": "cite/no-text",
    "cite_error_references_duplicate_key": "cite/duplicate-key",
    "cite_error_ref_no_input": "cite/no-input",
    "cite_error_ref_no_key": "cite/no-key",
    "cite_error_ref_numeric_key": "cite/numeric-name",
    "cite_error_ref_too_many_keys": "cite/invalid-attribute",
    "cite_error_included_ref": "cite/unclosed",
    "cite_error_group_refs_without_references": "cite/group-without-list",
    "cite_error_references_missing_key": "cite/ldr-unused",
    "cite_error_references_missing_group": "cite/ldr-unused",
    "cite_error_ref_invalid_dir": "cite/invalid-dir",
    "cite_error_references_no_key": "cite/ldr-no-name",
    "cite_error_empty_references_define": "cite/ldr-empty",
    "cite_error_references_group_mismatch": "cite/ldr-group-mismatch",
    "cite_error_references_invalid_parameters": "cite/references-invalid-attribute",
    "cite_error_included_references": "cite/references-nested",
}
_ALPHA = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class _Ref:
    key: int
    name: str | None
    number: int | None
    raw: str | None = None  # wikitext content, for the duplicate test
    html: str | None = None
    count: int = 0
    warnings: list[str] = field(default_factory=list)
    follow: str | None = None
    span: tuple[int, int] | None = None


def _clean_value(value: str) -> str:
    """Trimmed, ASCII blank runs folded: a name with U+2028 inside stays its own name."""
    return re.sub(r"[ \t\n\r\f]+", " ", value).strip(" \t\n\r\f")


class Cite:
    """One page's references. ``render_inline(wikitext)`` renders a ref's content."""

    def __init__(self, lang: str, render_inline: Callable[[str], str],
                 page_source: Callable[[str], str | None] | None = None) -> None:
        self.lang = "zh" if lang.startswith("zh") else "en"
        # the content language's decimal point (formatNum) in numeric backlink labels (1.0 / 1,0)
        self.decimal = "," if lang.split("-")[0].lower() in _COMMA_DECIMAL else "."
        self.render_inline = render_inline
        # a page's wikitext by title: a wiki's own MediaWiki:Cite_link_label_group-* labels
        self.page_source = page_source
        self._labels: dict[str, list[str] | None] = {}
        self.groups: dict[str, dict[object, _Ref]] = {}
        self.sequence = 0
        self.group_sequence: dict[str, int] = {}
        self.in_references: str | None = None
        self.ldr_errors: list[str] = []
        self.has_list: set[str] = set()

    # ------------------------------------------------------------------ carried state
    def copy(self, render_inline: Callable[[str], str] | None) -> Cite:
        """An independent copy of the references so far (incremental rendering carries it
        from one chunk of the page to the next)."""
        twin = Cite.__new__(Cite)
        twin.lang = self.lang
        twin.decimal = self.decimal
        twin.render_inline = render_inline
        twin.page_source = self.page_source
        twin._labels = dict(self._labels)
        twin.groups = {group: {key: replace(ref, warnings=list(ref.warnings)) for key, ref in refs.items()}
                       for group, refs in self.groups.items()}
        twin.sequence = self.sequence
        twin.group_sequence = dict(self.group_sequence)
        twin.in_references = self.in_references
        twin.ldr_errors = list(self.ldr_errors)
        twin.has_list = set(self.has_list)
        return twin

    def signature(self) -> tuple:
        """Everything that decides what the rest of the page renders to."""
        refs = tuple((group, tuple((key, r.key, r.name, r.number, r.raw, r.html, r.count, tuple(r.warnings), r.follow,
                                    r.span) for key, r in items.items()))
                     for group, items in self.groups.items())
        return (self.sequence, tuple(self.group_sequence.items()), self.in_references, tuple(self.ldr_errors),
                tuple(sorted(self.has_list)), refs)

    def all_refs(self):
        for refs in self.groups.values():
            yield from refs.values()

    # ------------------------------------------------------------------ messages
    def error(self, key: str, *params: str, code: str | None = None) -> str:
        """MediaWiki's message for ``key``; ``code`` overrides the diagnostic code when REL1_39
        words two catalogue rules with one message."""
        text = MESSAGES[self.lang].get(key) or MESSAGES["en"][key]
        for i, p in enumerate(params, 1):
            text = text.replace(f"${i}", p)
        text = MESSAGES[self.lang]["cite_error"].replace("$1", text)
        code = code or CODES.get(key, "cite/error")
        return (f'<span class="error mw-ext-cite-error wv-error" lang="{self.lang}" dir="ltr" '
                f'data-code="{code}">{text}</span>')

    # ------------------------------------------------------------------ <ref>
    def ref(self, content: str | None, attrs: dict[str, str], span: tuple[int, int] | None,
            extra_keys: list[str] | None = None) -> str:
        """The marker for one ``<ref>`` (or its error), registering it."""
        name = attrs.get("name")
        group = attrs.get("group")
        follow = attrs.get("follow")
        name = _clean_value(name) if name is not None else None
        follow = _clean_value(follow) if follow is not None else None
        name = name or None
        follow = follow or None
        if group is None:
            group = self.in_references if self.in_references is not None else ""
        group = _clean_value(group)
        unknown = [k for k in attrs if k not in ("name", "group", "follow", "dir")]
        if extra_keys:
            unknown += extra_keys
        if unknown:
            return self.error("cite_error_ref_too_many_keys")
        if (name and name.isdigit() and name.isascii()) or (follow and follow.isdigit() and follow.isascii()):
            return self.error("cite_error_ref_numeric_key")
        if follow and name:  # REL1_39 says "too many keys"; the catalogue's rule is follow-conflict
            return self.error("cite_error_ref_too_many_keys", code="cite/follow-conflict")
        direction = attrs.get("dir")
        if direction is not None and direction.strip().lower() not in ("ltr", "rtl"):
            return self.error("cite_error_ref_invalid_dir", html.escape(direction))
        if content is not None and not content.strip():
            if not name:
                return self.error("cite_error_ref_no_input")
            content = None
        if self.in_references is not None:
            return self._list_defined(content, name, group, attrs)
        if name is None and content is None:
            return self.error("cite_error_ref_no_key")
        if content is not None:
            masked = re.sub(r"<(\w+)[^>]*>.*?</\1\s*>|<!--.*?-->", "", content, flags=re.S)
            if re.search(r"<ref(erences)?\b[^>]*>", masked, re.I):
                return self.error("cite_error_included_ref")
        refs = self.groups.setdefault(group, {})
        if follow:
            parent = refs.get(("n", follow))
            text_html = self.render_inline(content) if content is not None else ""
            if parent is not None:
                parent.html = (parent.html or "") + " " + text_html
                parent.raw = (parent.raw or "") + " " + (content or "")
                return ""
            self.sequence += 1
            refs[("f", self.sequence)] = _Ref(self.sequence, None, None, content, text_html, 1, follow=follow)
            return ""
        text_html = self.render_inline(content) if content is not None else None
        if name is None:
            self.sequence += 1
            number = self._next_number(group)
            ref = _Ref(self.sequence, None, number, content, text_html, 0, span=span)
            refs[("a", self.sequence)] = ref
        else:
            ref = refs.get(("n", name))
            if ref is None:
                self.sequence += 1
                ref = _Ref(self.sequence, name, self._next_number(group), content, text_html, span=span)
                refs[("n", name)] = ref
            elif ref.raw is None and content is not None:
                ref.raw, ref.html = content, text_html
            elif content is not None and content.strip() != (ref.raw or "").strip():
                ref.warnings.append(self.error("cite_error_references_duplicate_key", html.escape(name)))
        ref.count += 1
        if ref.number is None:
            ref.number = self._next_number(group)
        if content is not None and ref.raw == content and span is not None:
            ref.span = span  # the list item leads to the definition
        return self._marker(group, ref, ref.count - 1, span)

    def rolled_back(self, content: str) -> None:
        """MediaWiki expands ``{{#tag:references|...}}``'s content before the tag runs: the
        refs that registers are rolled back, but the new ones keep their keys (ids)."""
        for m in re.finditer(r"<ref\b([^>]*?)(/?)>", content, re.I):
            attrs = sanitize.decode_attributes(m.group(1))
            name = _clean_value(attrs.get("name", "")) or None
            group = _clean_value(attrs.get("group", ""))
            if m.group(2) and name is None:
                continue  # an error, registers nothing
            if name is not None and ("n", name) in self.groups.get(group, {}):
                continue  # a reuse
            self.sequence += 1

    def _next_number(self, group: str) -> int:
        self.group_sequence[group] = self.group_sequence.get(group, 0) + 1
        return self.group_sequence[group]

    def _list_defined(self, content: str | None, name: str | None, group: str, attrs: dict[str, str]) -> str:
        if group != self.in_references:
            self.ldr_errors.append(self.error("cite_error_references_group_mismatch", html.escape(group)))
            return ""
        if name is None:
            self.ldr_errors.append(self.error("cite_error_references_no_key"))
            return ""
        if content is None:
            self.ldr_errors.append(self.error("cite_error_empty_references_define", html.escape(name), html.escape(group)))
            return ""
        refs = self.groups.get(group)
        if not refs:
            self.ldr_errors.append(self.error("cite_error_references_missing_group", html.escape(name), html.escape(group)))
            return ""
        ref = refs.get(("n", name))
        if ref is None:
            self.ldr_errors.append(self.error("cite_error_references_missing_key", html.escape(name)))
            return ""
        if ref.raw is None:
            ref.raw, ref.html = content, self.render_inline(content)
        elif content.strip() != ref.raw.strip():
            ref.warnings.append(self.error("cite_error_references_duplicate_key", html.escape(name)))
        return ""

    @staticmethod
    def _id(name: str, link: bool = False) -> str:
        """A ref name in an id; in a link (``link``) every Unicode blank becomes ``_`` too, as
        MediaWiki's escapeIdForLink does (so a name with U+2028 links as it does there)."""
        value = sanitize.escape_id(name)
        if link:
            value = re.sub(r"\s", "_", value)
        return html.escape(re.sub(r"__+", "_", value), quote=True)

    def _marker(self, group: str, ref: _Ref, index: int, span: tuple[int, int] | None) -> str:
        if ref.name:
            ref_id = f"cite_ref-{self._id(ref.name)}_{ref.key}-{index}"
            note_id = f"cite_note-{self._id(ref.name, True)}-{ref.key}"
        else:
            ref_id = f"cite_ref-{ref.key}"
            note_id = f"cite_note-{ref.key}"
        label = self._group_label(group, ref.number or 0)
        src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
        return (f'<sup id="{ref_id}" class="reference"{src}><a href="#{note_id}">&#91;{label}&#93;</a></sup>')

    def _group_label(self, group: str, number: int) -> str:
        """A marker's label; a group with a MediaWiki:Cite_link_label_group-<group> page takes
        its labels from it (its words in order, as Cite splits the message on blanks)."""
        if group and self.page_source is not None:
            if group not in self._labels:
                source = self.page_source(f"MediaWiki:Cite_link_label_group-{group}")
                self._labels[group] = source.split() if source is not None else None
            labels = self._labels[group]
            if labels and 0 < number <= len(labels):
                return html.escape(labels[number - 1], quote=False)
        return _group_label(group, number)

    # ------------------------------------------------------------------ <references>
    def references(self, group: str, responsive: bool | None, src: str = "") -> str:
        refs = self.groups.pop(group, {})
        self.group_sequence.pop(group, None)
        self.has_list.add(group)
        errors = "<br />\n".join(self.ldr_errors)
        self.ldr_errors = []
        if not refs:
            return errors
        # follow="…" refs whose parent never came stand first, as paragraphs
        ordered = [r for r in refs.values() if r.follow] + [r for r in refs.values() if not r.follow]
        items = [self._item(ref) for ref in ordered]
        classes = "mw-references-wrap"
        if responsive is None:
            responsive = True
        if responsive and len(refs) >= 10:
            classes += " mw-references-columns"
        body = "\n".join(items)
        return (f'<div class="{classes}"{src}><ol class="references"{src}>\n{body}\n</ol></div>'
                + ("\n" + errors if errors else ""))

    def _item(self, ref: _Ref) -> str:
        note_id = f"cite_note-{self._id(ref.name)}-{ref.key}" if ref.name else f"cite_note-{ref.key}"
        if ref.follow:
            return f'<p id="cite_note-{self._id(ref.follow)}"><span class="reference-text">{ref.html or ""}</span>\n</p>'
        if ref.html is None:
            text = self.error("cite_error_references_no_text", html.escape(ref.name or ""))
        else:
            text = f'<span class="reference-text">{ref.html.rstrip()}{"".join(" " + w for w in ref.warnings)}</span>\n'
        if ref.count <= 1 or not ref.name:
            ref_id = f"cite_ref-{self._id(ref.name, True)}_{ref.key}-0" if ref.name else f"cite_ref-{ref.key}"
            back = f'<span class="mw-cite-backlink"><a href="#{ref_id}">↑</a></span>'
        else:
            links = []
            width = len(str(ref.count - 1))  # Cite pads the offsets to the last one's width: 1.01 ... 1.10
            for i in range(ref.count):
                label = f"{ref.number}{self.decimal}{i:0{width}d}" if self.lang == "en" else _alpha(i)
                links.append(f'<sup><a href="#cite_ref-{self._id(ref.name, True)}_{ref.key}-{i}">{label}</a></sup>')
            back = '<span class="mw-cite-backlink">↑ ' + " ".join(links) + "</span>"
        src = f' data-wv-src="{ref.span[0]}-{ref.span[1]}"' if ref.span else ""
        return f'<li id="{note_id}"{src}>{back} {text}</li>'

    def leftovers(self) -> str:
        """What MediaWiki appends after the page: the default group's list, and an error for
        every other group that never got one."""
        out = []
        for group in list(self.groups):
            if not self.groups[group]:
                continue
            if group == "":
                out.append("\n" + self.references("", None))
            else:
                out.append("\n<br />" + self.error("cite_error_group_refs_without_references", html.escape(group)))
        return "".join(out)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# languages whose separatorTransformTable makes the decimal point a comma (MessagesDe, MessagesSr ...)
_COMMA_DECIMAL = frozenset({"de", "es", "fr", "is", "it", "nl", "pl", "pt", "ru", "sr", "uk"})

# Wikipedia's MediaWiki:Cite_link_label_group-* messages for the list-style groups
_GROUP_LABELS = {
    "lower-alpha": lambda n: _alpha(n - 1),
    "upper-alpha": lambda n: _alpha(n - 1).upper(),
    "lower-roman": _roman,
    "upper-roman": lambda n: _roman(n).upper(),
    "lower-greek": lambda n: _GREEK[(n - 1) % len(_GREEK)],
}


def _group_label(group: str, number: int) -> str:
    """A marker's label: ``1``, ``group 1``, or the letter of a list-style group (``a``)."""
    if not group:
        return str(number)
    label = _GROUP_LABELS.get(group)
    if label is not None and number > 0:
        return label(number)
    return f"{html.escape(group)} {number}"


def _alpha(i: int) -> str:
    if i < 26:
        return _ALPHA[i]
    return _ALPHA[i // 26 - 1] + _ALPHA[i % 26]
