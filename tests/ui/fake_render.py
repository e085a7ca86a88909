"""A stand-in renderer for preview tests (ReText's fake converter): each blank-line separated
block of the text becomes an <h2> or <p> with its data-wv-src span, so the preview's patching,
scrolling and click-to-source are tested apart from the real renderer."""

from __future__ import annotations

import html
import re

from viewer.ui.render_job import PanelResult, Snapshot, answer
from viewer.wikitext.outline import build_outline
from viewer.wikitext.render.result import RenderResult


def fake_html(text: str) -> str:
    parts = []
    index = []  # like a reference list: entries pointing back at places all over the text
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        block = m.group(0)
        heading = re.fullmatch(r"==\s*(.*?)\s*==", block)
        tag, inner = ("h2", heading.group(1)) if heading else ("p", block)
        parts.append(f'<{tag} data-wv-src="{m.start()}-{m.end()}">{html.escape(inner)}</{tag}>')
        if heading:
            index.append(f'<li data-wv-src="{m.start()}-{m.end()}">{html.escape(heading.group(1))}</li>')
    if index:
        parts.append(f'<ol class="wv-index" data-wv-src="{len(text)}-{len(text)}">' + "".join(index) + "</ol>")
    return '<div class="mw-parser-output">' + "\n".join(parts) + "</div>"


def fake_preview(snapshot: Snapshot):
    """The preview stage with the fake renderer: patches against the base as the real one."""
    return answer(snapshot, RenderResult(html=fake_html(snapshot.text)))


def fake_panels(snapshot: Snapshot) -> PanelResult:
    return PanelResult(snapshot.revision, build_outline(snapshot.text), ())
