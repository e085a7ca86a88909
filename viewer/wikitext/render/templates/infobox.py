"""Infoboxes: any ``{{Infobox …}}`` / ``{{… infobox}}``, the base ``{{Infobox}}`` (``labelN``/``dataN``),
and ``{{Infobox military conflict}}`` with its own layout.

A generic infobox is ``table.infobox``: the title on top (``name``, ``title``… or the page
title), the image and its caption, then one row per non-empty field in the order written,
labelled with the parameter's name. So an infobox never seen before still looks right.
"""

from __future__ import annotations

import re

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import cell, data, esc

__all__ = ["infobox_generic", "military_conflict"]

_TITLE_KEYS = ("name", "title", "conflict", "official_name", "official name", "common_name", "conventional_long_name",
               "名称", "名稱", "标题", "標題")
_IMAGE_KEYS = ("image", "image1", "logo", "image_name", "flag", "photo", "图像", "圖像", "图片", "圖片")
_CAPTION_KEYS = ("caption", "image_caption", "imagecaption", "logo_caption", "image caption", "图像说明", "圖像說明")
_HIDDEN_KEYS = {"image_size", "imagesize", "image size", "image_width", "alt", "image_alt", "upright", "bodyclass",
                "bodystyle", "abovestyle", "headerstyle", "labelstyle", "datastyle", "child", "embed", "subbox",
                "italic title", "italic_title", "module", "nocat", "width", "size", "image_upright", "logo_size",
                "campaignbox"}
_FILE = re.compile(r"^\s*(?:file|image|文件|檔案|图像|圖像)\s*:", re.I)


def _image(call: TemplateCall, ctx: TemplateContext, key: str) -> str:
    """The image field: ``[[File:…]]`` as written, or a bare file name made into one."""
    value = call.get(key)
    if not value:
        return ""
    text = str(value).strip()
    if "[[" not in text and "{{" not in text:
        size = str(call.get("image_size", "imagesize", "image_width", "width")).strip()
        size = size if re.fullmatch(r"\d+(?:x\d+)?px|\d+", size) else "frameless"
        if size.isdigit():
            size += "px"
        text = f"[[{'' if _FILE.match(text) else 'File:'}{text}|{size}]]"
        return ctx.inline(text)
    return ctx.inline(value)


def _label(name: str, ctx: TemplateContext) -> str:
    """A field's label: the usual wording of the common infobox parameters (``birth_date`` ->
    ``出生`` / ``Born``), else the parameter's own name made readable."""
    known = data("infobox_labels.json").get(name.strip().lower().replace(" ", "_"))
    if known:
        return esc(known["en"] if ctx.lang == "en" else known["zh"])
    label = name.replace("_", " ").strip()
    return esc(label[:1].upper() + label[1:])


def _header_rows(call: TemplateCall, ctx: TemplateContext, title_key: str | None, image_key: str | None,
                 caption_key: str | None, colspan: int = 2, subheader_html: str = "") -> str:
    rows = []
    title = call.get(title_key) if title_key else ""
    rows.append(f'<tr><th colspan="{colspan}" class="infobox-above">{ctx.inline(title) if title else esc(ctx.title)}</th></tr>')
    if subheader_html:
        rows.append(f'<tr><td colspan="{colspan}" class="infobox-subheader">{subheader_html}</td></tr>')
    image = _image(call, ctx, image_key) if image_key else ""
    if image:
        caption = call.get(caption_key) if caption_key else ""
        cap = f'<div class="infobox-caption">{ctx.inline(caption)}</div>' if caption else ""
        rows.append(f'<tr><td colspan="{colspan}" class="infobox-image">{image}{cap}</td></tr>')
    return "".join(rows)


def _first_key(call: TemplateCall, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in call.args and call.args[key].strip():
            return key
    return None


def _data_row(label_html: str, value_html: str) -> str:
    return (f'<tr><th scope="row" class="infobox-label">{label_html}</th>'
            f'<td class="infobox-data">{value_html}</td></tr>')


_NUMBERED = re.compile(r"^(label|data|header|rowclass|class|labelstyle|datastyle)(\d+)$")


def _base_rows(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Infobox}}`` itself: ``headerN``, ``labelN``/``dataN`` rows in number order."""
    numbers = sorted({int(m.group(2)) for key in call.args if (m := _NUMBERED.match(key))})
    rows = []
    for n in numbers:
        header, label, value = call.get(f"header{n}"), call.get(f"label{n}"), call.get(f"data{n}")
        if header:
            rows.append(f'<tr><th colspan="2" class="infobox-header">{ctx.inline(header)}</th></tr>')
        elif value and label:
            rows.append(_data_row(ctx.inline(label), cell(ctx, value)))
        elif value:
            rows.append(f'<tr><td colspan="2" class="infobox-full-data">{cell(ctx, value)}</td></tr>')
    below = call.get("below")
    if below:
        rows.append(f'<tr><td colspan="2" class="infobox-below">{cell(ctx, below)}</td></tr>')
    return "".join(rows)


@template("Infobox")
def infobox_base(call: TemplateCall, ctx: TemplateContext) -> str:
    title_key = _first_key(call, ("above", "title"))
    image_key = _first_key(call, ("image", "image1"))
    caption_key = _first_key(call, ("caption", "caption1"))
    subheader = call.get("subheader")
    head = _header_rows(call, ctx, title_key, image_key, caption_key, subheader_html=ctx.inline(subheader) if subheader else "")
    return f'<table class="infobox"><tbody>{head}{_base_rows(call, ctx)}</tbody></table>'


def _is_infobox(name: str) -> bool:
    lowered = name.lower()
    return (lowered.startswith("infobox") or lowered.endswith(" infobox") or lowered.endswith("infobox")
            or "信息框" in name or "資訊框" in name or "信息模板" in name)


@template_family(_is_infobox)
def infobox_generic(call: TemplateCall, ctx: TemplateContext) -> str:
    """Any other infobox: title, image and caption on top, then its non-empty fields in order."""
    if call.name.lower() in _MILITARY:
        return military_conflict(call, ctx)
    title_key = _first_key(call, _TITLE_KEYS)
    image_key = _first_key(call, _IMAGE_KEYS)
    caption_key = _first_key(call, _CAPTION_KEYS)
    used = {title_key, image_key, caption_key}
    rows = []
    for key in call.order:
        if key in used or key.isdigit() or key.lower() in _HIDDEN_KEYS:
            continue
        value = call.args.get(key)
        if value is None or not value.strip():
            continue
        rows.append(_data_row(_label(key, ctx), cell(ctx, value)))
    head = _header_rows(call, ctx, title_key, image_key, caption_key)
    return f'<table class="infobox"><tbody>{head}{"".join(rows)}</tbody></table>'


# ---------------------------------------------------------------------------------------------
# {{Infobox military conflict}}: Module:Infobox military conflict's layout

_MILITARY = {"infobox military conflict", "infobox war", "infobox battle", "warbox", "battlebox",
             "infobox military conflict/zh", "军事冲突信息框", "軍事衝突資訊框", "infobox 军事冲突", "infobox 軍事衝突"}

# (parameter, zh label, en label): the single-value rows, in the module's order. |casus= is
# not one: zh.wikipedia's renderings of the sample's article (2010s and today) show no row
# for the |casus= it sets, between 地点 and 结果.
_FACTS = (
    ("date", "日期", "Date"),
    ("place", "地点", "Location"),
    ("coordinates", "坐标", "Coordinates"),
    ("causes", "起因", "Causes"),
    ("goals", "目标", "Goals"),
    ("methods", "方法", "Methods"),
    ("status", "状态", "Status"),
    ("result", "结果", "Result"),
    ("territory", "领土变更", "Territorial changes"),
)
# (parameter stem, zh header, en header): the per-side sections
_SIDES = (
    ("combatant", "参战方", "Belligerents"),
    ("commander", "指挥官与领导者", "Commanders and leaders"),
    ("units", "参战部队", "Units involved"),
    ("strength", "兵力", "Strength"),
    ("polstrength", "政治支持", "Political support"),
    ("milstrength", "军事支持", "Military support"),
    ("casualties", "伤亡与损失", "Casualties and losses"),
)
_SUFFIXES = ("", "a", "b", "c", "d", "e")


def military_conflict(call: TemplateCall, ctx: TemplateContext) -> str:
    """Title, image and caption; date/place/result rows; then each side in its own column
    under the Belligerents / Commanders / Strength / Casualties headers."""
    zh = ctx.lang != "en"
    sides = 3 if any(call.get(f"{stem}3{s}") for stem, _, _ in _SIDES for s in _SUFFIXES[1:]) or \
        any(call.get(f"{stem}3") for stem in ("combatant", "commander", "units", "strength")) else 2
    # casualties3 alone is the civilian row under both sides, not a third side
    part_of = call.get("partof", "part of")
    part_of_html = ""
    if part_of:  # under the title, above the image, as the module places it
        part_of_html = f"{ctx.inline(part_of)}的一部分" if zh else f"Part of {ctx.inline(part_of)}"
    rows = [_header_rows(call, ctx, _first_key(call, ("conflict", "name", "title")), _first_key(call, ("image", "map")),
                         _first_key(call, ("caption", "map_caption")), colspan=sides, subheader_html=part_of_html)]
    facts = []
    for key, zh_label, en_label in _FACTS:
        value = call.get(key)
        if value:
            facts.append(f'<tr><th scope="row" class="infobox-label">{zh_label if zh else en_label}</th>'
                         f'<td class="infobox-data">{cell(ctx, value)}</td></tr>')
    if facts:
        rows.append(f'<tr><td colspan="{sides}" class="wv-infobox-facts"><table class="wv-infobox-facts-table"><tbody>'
                    f'{"".join(facts)}</tbody></table></td></tr>')
    for stem, zh_header, en_header in _SIDES:
        section = []
        for suffix in _SUFFIXES:
            values = [call.get(f"{stem}{n}{suffix}") for n in range(1, sides + 1)]
            if not any(values):
                continue
            cells = "".join(f'<td class="infobox-data wv-infobox-side">{cell(ctx, v) if v else ""}</td>' for v in values)
            section.append(f"<tr>{cells}</tr>")
        if stem == "casualties":
            civil = call.get("casualties3") if sides == 2 else ""
            if civil:
                section.append(f'<tr><td colspan="{sides}" class="infobox-full-data wv-infobox-civil">{cell(ctx, civil)}</td></tr>')
        if section:
            rows.append(f'<tr><th colspan="{sides}" class="infobox-header">{zh_header if zh else en_header}</th></tr>')
            rows.extend(section)
    notes = call.get("notes")
    if notes:
        rows.append(f'<tr><td colspan="{sides}" class="infobox-below">{cell(ctx, notes)}</td></tr>')
    return f'<table class="infobox vevent wv-infobox-military"><tbody>{"".join(rows)}</tbody></table>'


template("Infobox military conflict", "Infobox Military Conflict", "Infobox war", "Infobox battle", "Warbox",
         "Battlebox")(military_conflict)
