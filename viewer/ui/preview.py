"""The live preview: a QWebEngineView showing the rendered article, patched in place as you type.

The page is hardened as ReText's is: its CSP lets only WikiView's own script run (preview.js,
with a nonce), a request interceptor refuses everything but inline data, and every navigation
is routed here: a clicked link is not followed but reported (``link_activated``), so the window
can show the address and open it in the system browser. The script talks back through
QWebChannel: a click reports the element's source span (``source_clicked``).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QFile, QIODevice, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from viewer.resources import resource_path
from viewer.ui.preview_patch import Body, Patch, diff_bodies
from viewer.ui.render_job import PreviewResult

__all__ = ["PreviewView", "base_url", "run_js"]

# Chromium refuses setHtml() content over 2 MB; bigger pages load empty and get their body by patch
SET_HTML_LIMIT = 1_500_000
_ALLOWED_SCHEMES = frozenset(("data", "qrc", "about", "blob"))

# Chromium's renderer process lays out the whole article after every patch; on a machine with few
# cores it competes with the window's thread. Where it may (as root), Chromium even favours its
# renderer's display threads (nice -8) over the window. Lowered as the panels' worker is, a
# keystroke comes first: stalls of 40-60 ms while typing on 1 MB became about 30, the preview
# as quick.
RENDERER_NICE = 5


def lower_priority(pid: int, nice: int = RENDERER_NICE) -> bool:
    """Make process ``pid`` (each of its threads, where the system lists them) ``nice`` steps
    less favoured than this process, never more favoured than it is."""
    if pid <= 0 or not hasattr(os, "setpriority"):
        return False
    target = min(19, os.getpriority(os.PRIO_PROCESS, 0) + nice)
    try:  # Linux: a priority is a thread's, and Chromium sets its threads' own
        threads = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        threads = [pid]
    done = False
    for tid in threads:
        try:
            if os.getpriority(os.PRIO_PROCESS, tid) < target:
                os.setpriority(os.PRIO_PROCESS, tid, target)
            done = True
        except OSError:  # gone already, or not ours to change
            continue
    return done


PREVIEW_CSS = """
.wv-cursor { box-shadow: -5px 0 0 0 rgba(51, 102, 204, 0.55); background-color: rgba(51, 102, 204, 0.05); }
.wv-error-page { font: 14px sans-serif; color: #a00; padding: 1em; white-space: pre-wrap; }
"""
DARK_CSS = """
html, body, .mw-body { background: #1f2023 !important; color: #dcdde0 !important; }
a, a:visited { color: #8ab4f8 !important; }
a.new, a.new:visited { color: #f28b82 !important; }
table, th, td, .infobox, .wikitable, .navbox, .catlinks, .toc, .thumbinner, .reflist
  { background-color: #26282c !important; color: inherit !important; border-color: #4a4d52 !important; }
th, .infobox-above, .infobox-header, .navbox-title, .navbox-group { background-color: #33363b !important; }
h1, h2, h3, h4, h5, h6 { color: #eceff1 !important; border-color: #4a4d52 !important; }
code, pre, kbd, tt, samp { background: #2d2f34 !important; color: #e6e6e6 !important; border-color: #4a4d52 !important; }
/* templates paint light backgrounds inline; in the dark they would glare and hide grey text */
.mw-parser-output [style*="background"] { background-color: #2a2c30 !important; color: inherit !important; }
.mw-parser-output [style*="border"] { border-color: #4a4d52 !important; }
.wv-cursor { box-shadow: -5px 0 0 0 rgba(138, 180, 248, 0.7); background-color: rgba(138, 180, 248, 0.07); }
/* the missing-file placeholder and the noteTA indicator paint light backgrounds in their stylesheet */
.thumbinner > a.new[href*="wpDestFile="], .infobox a.new[href*="wpDestFile="] {
  background: repeating-linear-gradient(45deg, #2a2c30, #2a2c30 8px, #33363b 8px, #33363b 16px) !important;
  border-color: #5f6368 !important; color: #9aa0a6 !important; }
.wv-noteta-icon { background-color: #33363b !important; }
.wv-noteta-body { background-color: #26282c !important; border-color: #4a4d52 !important; }
"""


def run_js(page: QWebEnginePage, script: str, callback=None) -> None:
    """``page.runJavaScript`` for WikiView: every call goes through here.

    (PySide 6.12 lost a reference to True/False per script run, which this made up for; the
    installed PySide does not: tests/ui/test_run_js_refs.py checks it.)
    """
    if callback is None:
        page.runJavaScript(script, 0)
    else:
        page.runJavaScript(script, 0, callback)


def base_url(title: str, lang: str = "zh") -> QUrl:
    """Where relative article links resolve: the article on its Wikipedia."""
    return QUrl(f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'))}")


def _script() -> str:
    """qwebchannel.js (Qt's, from its resources) followed by WikiView's preview.js: one inline script."""
    channel = QFile(":/qtwebchannel/qwebchannel.js")
    channel_js = ""
    if channel.open(QIODevice.OpenModeFlag.ReadOnly):
        channel_js = bytes(channel.readAll().data()).decode("utf-8")
        channel.close()
    return channel_js + "\n" + resource_path("preview", "preview.js").read_text(encoding="utf-8")


class _Interceptor(QWebEngineUrlRequestInterceptor):
    """Refuses every request to the network or the disk: the page is self-contained."""

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's name)
        if info.requestUrl().scheme() not in _ALLOWED_SCHEMES:
            info.block(True)


class _Bridge(QObject):
    """The object preview.js sees as ``channel.objects.wikiview``."""

    sig_select = Signal(int, int)
    sig_scrolled = Signal(int)
    sig_top_source = Signal(int)
    sig_ready = Signal()

    @Slot(int, int)
    def select(self, start: int, end: int) -> None:
        self.sig_select.emit(start, end)

    @Slot(int)
    def scrolled(self, y: int) -> None:
        self.sig_scrolled.emit(y)

    @Slot(int)
    def topSource(self, offset: int) -> None:  # noqa: N802 (the name preview.js calls)
        self.sig_top_source.emit(offset)

    @Slot()
    def ready(self) -> None:
        self.sig_ready.emit()


class _Page(QWebEnginePage):
    link_clicked = Signal(QUrl)

    def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:  # noqa: N802
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            # same-page anchors (#cite_note-1, section links) scroll; everything else is reported
            if url.hasFragment() and url.adjusted(QUrl.UrlFormattingOption.RemoveFragment) == self.url().adjusted(
                QUrl.UrlFormattingOption.RemoveFragment
            ):
                return True
            self.link_clicked.emit(url)
            return False
        return url.scheme() in _ALLOWED_SCHEMES or kind == QWebEnginePage.NavigationType.NavigationTypeTyped

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        pass  # article pages are not ours to debug; keep the terminal quiet


_profile: QWebEngineProfile | None = None


def _shared_profile() -> QWebEngineProfile:
    """One off-the-record profile for every preview, owned by the application (it must outlive the pages)."""
    global _profile  # one per process is what Qt WebEngine wants; it holds no state of ours
    if _profile is None:
        _profile = QWebEngineProfile(QCoreApplication.instance())
        _profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        _profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    return _profile


class PreviewView(QWebEngineView):
    """Shows PreviewResults: a whole body by loading a page, a patch by running it in the page.

    ``token`` names the body shown (or on its way to the page, in order): the next snapshot's
    base, so that the worker answers with a patch against it. ``base()`` is None when the next
    result must carry the whole body (nothing shown yet, or a reload is wanted); then
    ``needs_full_body`` asks the tab for one.

    Signals: ``loaded`` once a page is ready for scripts, ``source_clicked(start, end)`` in str
    offsets, ``link_activated(QUrl)`` for a clicked link, ``patched`` after each patch.
    """

    loaded = Signal()
    patched = Signal()
    source_clicked = Signal(int, int)
    source_scrolled = Signal(int)  # the user scrolled the preview: the str offset now at its top
    link_activated = Signal(QUrl)
    needs_full_body = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        page = _Page(_shared_profile(), self)
        self._interceptor = _Interceptor(self)
        page.setUrlRequestInterceptor(self._interceptor)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self._bridge = _Bridge(self)
        self._channel = QWebChannel(self)
        self._channel.registerObject("wikiview", self._bridge)
        page.setWebChannel(self._channel)
        self.setPage(page)
        page.renderProcessPidChanged.connect(lower_priority)
        lower_priority(page.renderProcessPid())  # a renderer already shared with another view
        page.link_clicked.connect(self.link_activated)
        self._bridge.sig_select.connect(self.source_clicked)
        self._bridge.sig_scrolled.connect(self._remember_scroll)
        self._bridge.sig_top_source.connect(self.source_scrolled)
        self.loadFinished.connect(self._on_load_finished)
        self._script = _script()
        self.is_loaded = False
        self._loading = False
        self.token: str | None = None
        self.revision: int | None = None  # the text revision of the body shown (or on its way)
        self._want_full = False
        self._pending_load: tuple[PreviewResult, str, str] | None = None  # a whole body, after the load running
        self._pending_patches: list[Patch] = []  # patches to run after the load(s) running
        self._after_load: tuple[PreviewResult, bool] | None = None
        self._scroll_y = 0
        self._dark = False
        self._mark: int | None = None
        self.error: str | None = None

    # -- showing results ---------------------------------------------------------------------------

    def base(self) -> str | None:
        return None if self._want_full else self.token

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self.reload_page()

    def reload_page(self) -> None:
        """Load the page again (the theme changed): asks for the whole body; the scroll position is kept."""
        if self.token is not None:
            self._want_full = True
            self.needs_full_body.emit()

    def show_result(self, result: PreviewResult, *, title: str, lang: str = "zh") -> None:
        if result.render is None:  # the worker failed: no body at all
            self.error = result.error
            if self.token is None and not self._loading:
                self._load_error(result.error or "", result.details)
            return
        self.error = result.error
        if result.body is not None:
            self._want_full = False
            self.token, self.revision = result.token, result.revision
            if self._loading:
                self._pending_load, self._pending_patches = (result, title, lang), []
            else:
                self._load_page(result, title, lang)
            return
        if result.base != self.token:  # a patch against a body not shown: get a whole one
            self._want_full = True
            self.needs_full_body.emit()
            return
        self.token, self.revision = result.token, result.revision
        if result.patch is None:
            self.patched.emit()
        elif self._loading:
            self._pending_patches.append(result.patch)
        else:
            run_js(self.page(), self._patch_script(result.patch), self._after_patch)

    @staticmethod
    def _patch_script(patch: Patch) -> str:
        # evaluates to a number: the callback needs no boolean conversion
        return f"window.wikiview ? wikiview.patch({json.dumps(patch.to_json())}) : -1"

    def _after_patch(self, _value=None) -> None:
        if self._mark is not None:
            self.mark_source(self._mark)
        self.patched.emit()

    def _load_page(self, result: PreviewResult, title: str, lang: str) -> None:
        from viewer.wikitext.render.page import standalone_page

        body = result.body
        html_text = body.html
        big = len(html_text) > SET_HTML_LIMIT and body.blocks is not None
        shell = replace(result.render, html=body.open_tag + "</div>" if big else html_text)
        page = standalone_page(shell, lang=lang, script=self._script, extra_css=PREVIEW_CSS + (DARK_CSS if self._dark else ""))
        self._loading = True
        self.is_loaded = False
        # after the load: a big page gets its body by patch, a reload gets its scroll position back
        self._after_load = (result, big)
        self.setEnabled(False)  # setHtml would otherwise take the keyboard focus from the editor
        self.setHtml(page, base_url(title or "Main Page", lang))

    def _load_error(self, message: str, details: str) -> None:
        import html

        self._loading = True
        self._after_load = None
        self.setHtml(
            f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="wv-error-page">'
            f"<b>{html.escape(message)}</b>\n\n{html.escape(details)}</div></body></html>",
            QUrl("about:blank"),
        )

    def _on_load_finished(self, ok: bool) -> None:
        self.setEnabled(True)
        lower_priority(self.page().renderProcessPid())  # threads the renderer started for the page
        self._loading = False
        after, self._after_load = self._after_load, None
        if self._pending_load is not None:  # a newer whole body came during the load
            pending, self._pending_load = self._pending_load, None
            self._load_page(*pending)
            return
        if after is not None and after[1]:
            # the page holds an empty body; the whole body arrives as one patch
            body = after[0].body
            run_js(self.page(), self._patch_script(diff_bodies(Body(body.open_tag, ()), body, 0)))
        self._finish_load()

    def _finish_load(self) -> None:
        if self._scroll_y:
            run_js(self.page(), f"window.scrollTo(0, {int(self._scroll_y)})")
        if self._mark is not None:
            self.mark_source(self._mark)
        self.is_loaded = True
        patches, self._pending_patches = self._pending_patches, []
        for patch in patches:  # scripts run in order: each after the body it applies to
            run_js(self.page(), self._patch_script(patch))
        self.loaded.emit()
        if patches:
            self._after_patch()

    def _remember_scroll(self, y: int) -> None:
        self._scroll_y = y

    # -- following the editor ----------------------------------------------------------------------

    def mark_source(self, offset: int) -> None:
        """Mark the element that holds the editor's cursor (a str offset)."""
        self._mark = offset
        if self.is_loaded and not self._loading:
            run_js(self.page(), f"window.wikiview && wikiview.mark({int(offset)})")

    def scroll_to_source(self, offset: int) -> None:
        if self.is_loaded and not self._loading:
            run_js(self.page(), f"window.wikiview && wikiview.scrollToSource({int(offset)})")
