"""The render worker's job: a snapshot in, a frozen result out; plain Python, no Qt.

It runs in a child process (see render_worker.py: mwparserfromhell's tokenizer holds the GIL, so
a thread would freeze the window on long articles). Every failure comes back as data, with a
message a person can read, never as an exception in the GUI.
"""

from __future__ import annotations

import html
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.ui.preview_patch import Body, split_body
from viewer.wikitext.render.result import RenderLimits, RenderOptions

__all__ = ["Snapshot", "JobResult", "run_job"]


@dataclass(frozen=True)
class Snapshot:
    """What the worker analyses. Plain values only: it is pickled to the worker process
    (RenderOptions holds a mappingproxy, which cannot be; it is rebuilt there)."""

    revision: int
    text: str
    title: str = "Main Page"
    variant: str | None = None
    lang: str = "zh"
    profile: str = "zh"
    templates_dir: str = ""  # the user's template folder, "" for none
    time_limit_s: float = RenderLimits.time_limit_s
    max_chars: int = RenderLimits.max_expanded_size

    def options(self) -> RenderOptions:
        return RenderOptions(
            title=self.title,
            lang=self.lang,
            variant=self.variant,
            templates_dir=Path(self.templates_dir) if self.templates_dir else None,
            limits=RenderLimits(time_limit_s=self.time_limit_s, max_expanded_size=self.max_chars),
        )


@dataclass(frozen=True)
class JobResult:
    revision: int
    analysis: object | None  # viewer.wikitext.analysis.Analysis; its render.html is in ``body``
    body: Body | None  # the rendered body split into blocks, for patching the preview
    error: str | None  # one line for the status bar; details for the preview
    details: str = ""
    seconds: float = 0.0


def run_job(snapshot: Snapshot) -> JobResult:
    started = time.perf_counter()
    try:
        from viewer.wikitext.analysis import analyze

        analysis = analyze(snapshot.text, snapshot.revision, snapshot.options(), snapshot.profile)
        error = details = None
    except Exception as exc:  # the renderer or a check must never take the window down
        if isinstance(exc, ImportError):
            error = f"The preview is not available in this build ({exc})."
        else:
            error = f"The article could not be rendered: {type(exc).__name__}: {exc}"
        details = traceback.format_exc()
        try:
            analysis = _partial(snapshot, error)
        except Exception:  # even the outline failed: report the first error
            return JobResult(snapshot.revision, None, None, error, details, time.perf_counter() - started)
    body = split_body(analysis.render.html)
    if body.blocks is not None:
        # the blocks hold the body already; sending it twice doubles the cost of receiving it
        analysis = replace(analysis, render=replace(analysis.render, html=""))
    return JobResult(snapshot.revision, analysis, body, error, details or "", time.perf_counter() - started)


def _partial(snapshot: Snapshot, error: str):
    """What can still be shown when rendering failed: the outline, the checks if they run, and the
    error in place of the article."""
    from viewer.wikitext.analysis import Analysis
    from viewer.wikitext.outline import build_outline
    from viewer.wikitext.render.result import RenderResult

    try:
        from viewer.wikitext.checks import run_checks

        diagnostics = tuple(run_checks(snapshot.text, profile=snapshot.profile))
    except Exception:
        diagnostics = ()
    body = (
        '<div class="mw-parser-output"><div class="wv-error" data-code="preview/failed" '
        f'data-wv-src="0-{len(snapshot.text)}">{html.escape(error)}</div></div>'
    )
    return Analysis(snapshot.revision, snapshot.text, build_outline(snapshot.text), diagnostics, RenderResult(html=body))


def warm_up() -> bool:
    """Import the core in the worker ahead of the first real job, and make the worker end with
    the window's process even if that one is killed (the pool cannot say goodbye then)."""
    _follow_parent()
    try:
        import viewer.wikitext.analysis  # noqa: F401
        import viewer.wikitext.parse  # noqa: F401
    except ImportError:
        pass
    return True


def _follow_parent() -> None:
    import os
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:  # re-parented: the window's process is gone
                os._exit(0)

    threading.Thread(target=watch, name="wikiview-parent-watch", daemon=True).start()
