"""``{{noteTA}}``: zh.wikipedia's notice of the conversions an article applies, and the rules.

The template gives the title conversion (``T=``), local rules (``1=`` .. ``30=``, each as in
``-{H|…}-``) and public conversion groups (``G1=`` .. ``G30=``). It renders (1) the notice,
listing each of them as zh.wikipedia's noteTA dialog does, and (2) hidden ``-{T|…}-`` and
``-{H|…}-`` markup that :func:`viewer.wikitext.variants.convert_html` applies to the whole page.

A group's rules come from ``Module:CGroup/<name>`` (Lua: ``{ type = 'item', original = '…',
rule = '…' }`` entries or ``Item('…', '…')`` calls) or ``Template:CGroup/<name>`` (wikitext:
``-{H|…}-`` markup or ``{{CItem…|…}}`` items), looked up with ``ctx.page_source`` or, when the
context has none, as files in ``ctx.templates_dir`` (``Module:CGroup/Country.lua``,
``CGroup/Country.lua``, ``CGroup/Country.wiki``...). A group that cannot be found is listed in
the notice as not available, never silently dropped.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from viewer.wikitext.parse import parse
from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template

__all__ = ["note_ta", "group_rules"]

_MAX = 30  # Module:NoteTA reads 1..30 and G1..G30
_LUA_STRING = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\[=*\[.*?\]=*\]"""
_LUA_FIELD = re.compile(rf"(\w+)\s*=\s*({_LUA_STRING})", re.S)
_LUA_TABLE = re.compile(r"\{[^{}]*\}", re.S)
_LUA_ITEM_CALL = re.compile(rf"\bItem\s*\(\s*(?:nil|{_LUA_STRING})\s*,\s*({_LUA_STRING})", re.S)
_LUA_COMMENT = re.compile(r"--\[=*\[.*?\]=*\]|^\s*--[^\n]*", re.S | re.M)
_WIKI_RULE = re.compile(r"-\{\s*[AH]\s*\|(.*?)\}-", re.S)


def _lua_value(literal: str) -> str:
    if literal.startswith("["):
        body = literal[literal.index("[", 1) + 1 : literal.rindex("]", 0, -1)]
        return body[1:] if body.startswith("\n") else body
    body = literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _wiki_rules(source: str) -> list[str]:
    """``-{H|…}-`` markup and ``{{CItem…|rule}}`` items of a wikitext group (comments out)."""
    code = parse(source)
    for comment in code.filter_comments():
        code.remove(comment)
    rules = [m.group(1) for m in _WIKI_RULE.finditer(str(code))]
    for call in code.filter_templates():
        if str(call.name).strip().lower().startswith("citem"):
            for key in ("1", "rule"):
                if call.has(key):
                    rules.append(str(call.get(key).value))
                    break
    return rules


def group_rules(source: str) -> list[str]:
    """The conversion rules (``zh-cn:…;zh-tw:…;``) of a CGroup page, Lua or wikitext."""
    lua = _LUA_COMMENT.sub("", source)
    rules: list[str] = []
    for table in _LUA_TABLE.finditer(lua):
        fields = {m.group(1): _lua_value(m.group(2)) for m in _LUA_FIELD.finditer(table.group())}
        if fields.get("type", "item") == "item" and "rule" in fields:
            rules.append(fields["rule"])
    rules.extend(_lua_value(m.group(1)) for m in _LUA_ITEM_CALL.finditer(lua))
    if not rules:
        rules = _wiki_rules(source)
    return [rule.strip() for rule in rules if rule.strip()]


def _group_name(name: str) -> str:
    name = " ".join(str(name).replace("_", " ").split())
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> str:  # mtime in the key: an edited group is re-read
    return path.read_text(encoding="utf-8")


def _file_candidates(folder: Path, group: str) -> list[Path]:
    sub = group.replace(" ", "_")
    names = []
    for g in dict.fromkeys((group, sub)):
        names += [
            f"Module:CGroup/{g}.lua", f"Module/CGroup/{g}.lua", f"CGroup/{g}.lua", f"Module:CGroup/{g}.wiki",
            f"Template:CGroup/{g}.wiki", f"CGroup/{g}.wiki", f"Module:CGroup_{g}.lua", f"CGroup_{g}.lua",
            f"CGroup_{g}.wiki",
        ]
    return [folder / n for n in names]


def _group_source(ctx: TemplateContext, group: str) -> tuple[str, str] | None:
    """(page title, source) of the group, or None."""
    page_source = getattr(ctx, "page_source", None)
    if callable(page_source):
        for title in (f"Module:CGroup/{group}", f"Template:CGroup/{group}"):
            source = page_source(title)
            if source is not None:
                return title, source
    folder = getattr(ctx, "templates_dir", None)
    if folder:
        for path in _file_candidates(Path(folder), group):
            if path.is_file():
                try:
                    return path.name, _read(path, path.stat().st_mtime_ns)
                except (OSError, UnicodeDecodeError):
                    continue
    return None


def _rule_text(rule: str) -> str:
    """Group data as HTML text for the converter (its ``=>`` escaped as the renderer does)."""
    return html.escape(rule.strip(), quote=False)


@template("NoteTA", "Noteta", "NoteTA/lite")
def note_ta(call: TemplateCall, ctx: TemplateContext) -> str:
    items: list[str] = []
    hidden: list[str] = []

    title = str(call.get("T")).strip()
    if title:
        shown = ctx.inline(f"-{{D|{title}}}-")
        current = ctx.inline(f"-{{|{title}}}-")
        items.append(
            f'<li class="noteTA-title">标题手工转换：转换标题为：{shown}'
            f"（实际标题为：-{{R|{html.escape(ctx.title, quote=False)}}}-；当前显示为：{current}）</li>"
        )
        hidden.append(ctx.inline(f"-{{T|{title}}}-"))

    for i in range(1, _MAX + 1):
        group = str(call.get(f"G{i}")).strip()
        if not group:
            continue
        group = _group_name(group)
        found = _group_source(ctx, group)
        rules = group_rules(found[1]) if found else []
        label = html.escape(group, quote=False)
        if not rules:
            why = "找不到该转换组" if found is None else f"{html.escape(found[0], quote=False)}中没有可用的转换规则"
            items.append(
                f'<li class="noteTA-group wv-noteta-missing" data-noteta-group="{html.escape(group)}">'
                f"公共转换组“-{{R|{label}}}-”不可用（{why}，模板文件夹中需有 Module:CGroup/-{{R|{label}}}-），"
                "其转换规则未应用</li>"
            )
            continue
        items.append(
            f'<li class="noteTA-group" data-noteta-group="{html.escape(group)}">'
            f"公共转换组“-{{R|{label}}}-”（{len(rules)}条规则）</li>"
        )
        hidden.extend(f"-{{H|{_rule_text(rule)}}}-" for rule in rules)

    local: list[str] = []
    for i in range(1, _MAX + 1):
        rule = str(call.get(str(i))).strip()
        if not rule:
            continue
        described = ctx.inline(f"-{{D|{rule}}}-")
        current = ctx.inline(f"-{{{rule}}}-")
        local.append(f'<li class="noteTA-local">{described}当前显示为：{current}</li>')
        hidden.append(ctx.inline(f"-{{H|{rule}}}-"))
    if local:
        items.append(f'<li class="noteTA-local">全文手工转换：<ul>{"".join(local)}</ul></li>')

    if not items:
        return ""
    missing = any("wv-noteta-missing" in item for item in items)
    hint = "本页使用了标题或全文手工转换" + ("；有公共转换组不可用" if missing else "")
    # zh.wikipedia shows a small page indicator that opens the list; here the list opens on
    # hover or focus (the preview's CSS), so the article's first lines stay where they are
    return (
        f'<div class="noteTA wv-noteta{" wv-noteta-warn" if missing else ""}" role="note" title="{hint}">'
        '<span class="wv-noteta-icon" aria-hidden="true">-{R|汉/漢}-</span>'
        '<div class="wv-noteta-body"><div class="noteTA-header">本条目存在以下繁简或地区词处理：</div>'
        f'<ul>{"".join(items)}</ul></div>{"".join(hidden)}</div>'
    )
