"""The render worker's jobs: a snapshot in, frozen results out; plain Python, no Qt.

They run in a child process (see render_worker.py: mwparserfromhell's tokenizer holds the GIL,
so a thread would freeze the window on long articles), in two stages per text version so that
the preview comes first: :func:`run_preview` renders the article and answers with what the
preview needs, then :func:`run_panels` answers with the outline and the diagnostics.

The worker keeps, per document, a long-lived :class:`IncrementalRenderer` and the bodies it sent
recently, each named by a token. A snapshot says which body the preview shows (``base``); the
answer is a patch against it, a few kilobytes instead of the 2-3 MB body of a 1 MB article. The
whole body is sent when the preview asks for it (``base`` None: first load, reload) or when the
worker no longer has the base (it was restarted).

Every failure comes back as data, with a message a person can read, never as an exception in
the GUI.
"""

from __future__ import annotations

import html
import itertools
import os
import pickle
import secrets
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.ui.preview_patch import Body, Patch, Split, diff_bodies, split_after
from viewer.wikitext.render.result import RenderLimits, RenderOptions, RenderResult

__all__ = ["Snapshot", "PreviewResult", "PanelResult", "run_preview", "run_panels", "answer", "forget", "warm_up"]


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
    doc: str = ""  # which document: the worker keeps a renderer and recent bodies for each
    base: str | None = None  # the token of the body the preview shows; None: send the whole body

    def options(self) -> RenderOptions:
        return RenderOptions(
            title=self.title,
            lang=self.lang,
            variant=self.variant,
            templates_dir=Path(self.templates_dir) if self.templates_dir else None,
            limits=RenderLimits(time_limit_s=self.time_limit_s, max_expanded_size=self.max_chars),
        )


@dataclass(frozen=True)
class PreviewResult:
    """The first stage: the rendered article, as a patch against ``base`` or, when ``base`` is
    None, as the whole ``body``. ``render`` is the RenderResult without its html (title,
    categories...); None only when the worker itself failed (then ``error`` says why)."""

    revision: int
    token: str  # names this body: the next snapshot's base once the preview shows it
    base: str | None
    patch: Patch | None  # None with a base: the body did not change
    body: Body | None
    render: RenderResult | None
    length: int  # of the text: how far the text after an edit moved is the difference of two
    error: str | None = None  # one line for the status bar; details for the preview
    details: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class PanelResult:
    """The second stage: the outline and the diagnostics (an Outline and a tuple of Diagnostic).

    It crosses the process boundary ``packed``: the outline and the findings pickled in small
    pieces, which the window unpickles a few at a time (:meth:`unpack_some`), as unpickling
    the 1,700 findings of a 1 MB article at once would hold the GUI thread (its GIL) for
    10 ms, or ten times that on a busy machine."""

    revision: int
    outline: object | None
    diagnostics: tuple = ()
    error: str | None = None
    details: str = ""
    seconds: float = 0.0
    packed: tuple[bytes, ...] = ()

    PIECE = 150  # findings per pickled piece: about a millisecond to unpickle

    def pack(self) -> PanelResult:
        n = self.PIECE
        pieces = [pickle.dumps(self.outline, pickle.HIGHEST_PROTOCOL)]
        pieces += [pickle.dumps(self.diagnostics[i : i + n], pickle.HIGHEST_PROTOCOL) for i in range(0, len(self.diagnostics), n)]
        return replace(self, outline=None, diagnostics=(), packed=tuple(pieces))

    def unpack_some(self, done: list, seconds: float) -> PanelResult | None:
        """Unpickle pieces into ``done`` for about ``seconds``; the whole result once all are."""
        if not self.packed:
            return self
        deadline = time.perf_counter() + seconds
        while len(done) < len(self.packed):
            done.append(pickle.loads(self.packed[len(done)]))
            if time.perf_counter() > deadline and len(done) < len(self.packed):
                return None
        outline, *pieces = done
        return replace(self, outline=outline, diagnostics=tuple(d for piece in pieces for d in piece), packed=())


# -- the worker's memory of each document --------------------------------------------------------

MAX_DOCUMENTS = 8  # documents remembered (open tabs); the least recently used is forgotten
MAX_BODIES = 4  # bodies kept per document: the one the preview shows and the newest after it

_SESSION = secrets.token_hex(4)  # tokens of a restarted worker never match the old one's
_serial = itertools.count(1)


@dataclass(frozen=True)
class _Sent:
    body: Body
    length: int
    display_title: str
    categories: tuple[str, ...]


@dataclass
class _Document:
    renderer: object = None  # an IncrementalRenderer, made on first use
    bodies: OrderedDict[str, _Sent] = field(default_factory=OrderedDict)
    split: Split | None = None  # the last body split, which makes splitting the next one quick
    folder: tuple = ()  # the template folder's files when the renderer was made (folder_stamp)


MAX_FOLDER_FILES = 20_000  # a template folder bigger than this is compared by its first files


def folder_stamp(folder: str) -> tuple:
    """The template folder's files with their times and sizes: an edited, added or removed
    template changes it. The incremental renderer keeps chunks rendered with the old files,
    so a new stamp means a new renderer (a few ms for a folder of a thousand files)."""
    if not folder:
        return ()
    entries: list[tuple[str, int, int]] = []
    pending = [folder]
    while pending and len(entries) < MAX_FOLDER_FILES:
        try:
            listing = os.scandir(pending.pop())
        except OSError:
            continue
        with listing:
            for entry in listing:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        info = entry.stat()
                        entries.append((entry.path, info.st_mtime_ns, info.st_size))
                except OSError:
                    continue
    return tuple(sorted(entries))


_documents: OrderedDict[str, _Document] = OrderedDict()


def _document(doc: str) -> _Document:
    state = _documents.pop(doc, None) or _Document()
    _documents[doc] = state  # most recently used last
    while len(_documents) > MAX_DOCUMENTS:
        _documents.popitem(last=False)
    return state


def forget(doc: str) -> bool:
    """Drop what the worker keeps for a closed document."""
    _documents.pop(doc, None)
    return True


def _remember(state: _Document, base: str | None, token: str, sent: _Sent) -> None:
    # the preview shows ``base`` and will never go back before it; results after it may still
    # be dropped as outdated by the GUI, which then asks again from ``base``
    if base in state.bodies:
        while next(iter(state.bodies)) != base:
            state.bodies.popitem(last=False)
    state.bodies[token] = sent
    while len(state.bodies) > MAX_BODIES:
        oldest = next(iter(state.bodies))
        state.bodies.pop(oldest if oldest != base else list(state.bodies)[1])


# -- the stages -----------------------------------------------------------------------------------


def _failure(exc: BaseException, part: str, verb: str) -> str:
    if isinstance(exc, ImportError):
        return f"{part} not available in this build ({exc})."
    return f"The article could not be {verb}: {type(exc).__name__}: {exc}"


def run_preview(snapshot: Snapshot) -> PreviewResult:
    started = time.perf_counter()
    text = snapshot.text
    state = _document(snapshot.doc)
    error = None
    details = ""
    try:
        folder = folder_stamp(snapshot.templates_dir)
        if state.renderer is None or folder != state.folder:
            from viewer.wikitext.render.incremental import IncrementalRenderer

            state.renderer, state.folder = IncrementalRenderer(), folder
        render = state.renderer.render(text, snapshot.options())
    except Exception as exc:  # the renderer must never take the window down
        state.renderer = None  # a failure half-way may leave its memory inconsistent
        error, details = _failure(exc, "The preview is", "rendered"), traceback.format_exc()
        render = RenderResult(
            html='<div class="mw-parser-output"><div class="wv-error" data-code="preview/failed" '
            f'data-wv-src="0-{len(text)}">{html.escape(error)}</div></div>'
        )
    return answer(snapshot, render, error, details, started)


def answer(snapshot: Snapshot, render: RenderResult, error: str | None = None, details: str = "", started: float | None = None) -> PreviewResult:
    """The PreviewResult of ``render`` (a rendering of ``snapshot``): a patch against the
    snapshot's base if this worker has it, else the whole body; the body is remembered."""
    started = time.perf_counter() if started is None else started
    state = _document(snapshot.doc)
    text = snapshot.text
    state.split = split_after(render.html, state.split)
    body = state.split.body
    render = replace(render, html="")  # the body travels in blocks or as a patch
    sent = _Sent(body, len(text), render.display_title, tuple(render.categories))
    token = f"{_SESSION}.{next(_serial)}"
    old = state.bodies.get(snapshot.base) if snapshot.base is not None else None
    if old is not None and (old.display_title, old.categories) == (sent.display_title, sent.categories):
        patch = diff_bodies(old.body, body, sent.length - old.length)
        result = PreviewResult(snapshot.revision, token, snapshot.base, patch, None, render, len(text), error, details)
    else:  # asked for, or the base is unknown here, or the page around the body changed
        result = PreviewResult(snapshot.revision, token, None, None, body, render, len(text), error, details)
    _remember(state, snapshot.base if old is not None else None, token, sent)
    return replace(result, seconds=time.perf_counter() - started)


def run_panels(snapshot: Snapshot) -> PanelResult:
    started = time.perf_counter()
    try:
        from viewer.wikitext.analysis import inspect

        outline, diagnostics = inspect(snapshot.text, snapshot.profile)
        return PanelResult(snapshot.revision, outline, tuple(diagnostics), seconds=time.perf_counter() - started).pack()
    except Exception as exc:  # a check must never take the window down; the outline may still come
        error, details = _failure(exc, "The outline and the checks are", "checked"), traceback.format_exc()
    try:
        from viewer.wikitext.outline import build_outline

        outline = build_outline(snapshot.text)
    except Exception:
        outline = None
    return PanelResult(snapshot.revision, outline, (), error, details, time.perf_counter() - started).pack()


def warm_up(nice: int = 0) -> bool:
    """Import the core in the worker ahead of the first real job, and make the worker end with
    the window's process even if that one is killed (the pool cannot say goodbye then);
    ``nice``: lower the worker's priority by so much."""
    import os

    _follow_parent()
    if nice and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:
            pass
    try:
        import viewer.wikitext.analysis  # noqa: F401
        import viewer.wikitext.render.incremental  # noqa: F401
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
