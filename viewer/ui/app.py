"""Starting the application: ``run_gui`` for people, ``screenshot`` for the README and the tests."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path


def _prepare_environment(offscreen: bool) -> None:
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Chromium refuses to run as root without it (containers, CI)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = ("--no-sandbox " + os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")).strip()


def application(argv: list[str] | None = None):
    """The QApplication (created once), set up with WikiView's name, icon and style."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    import PySide6.QtWebEngineWidgets  # noqa: F401  (must be loaded before the QApplication exists)
    from viewer.resources import resource_path

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        app.setStyle("Fusion")
    app.setApplicationName("WikiView")
    app.setOrganizationName("WikiView")
    app.setApplicationDisplayName("WikiView")
    app.setWindowIcon(QIcon(str(resource_path("icons", "wikiview.svg"))))
    return app


def run_gui(files: list[str]) -> int:
    """Open the window on ``files`` (the bundled sample when there are none); the exit code."""
    _prepare_environment(offscreen=False)
    app = application()
    from viewer.resources import SAMPLE_ARTICLE
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    window = MainWindow(Settings())
    window.show()
    if window.fresh_layout:
        window.default_layout()  # dock sizes take effect once the window has its size
    window.open_files(files or [SAMPLE_ARTICLE])
    if not window.all_tabs():
        window.new_tab()
    window.offer_recovery()
    # what exists now (modules, widgets) lives as long as the app: keep it out of the cyclic
    # collector's full passes, which otherwise grow into pauses while typing on long articles
    gc.freeze()
    return app.exec()


def _wait_until(predicate, timeout_ms: int) -> bool:
    """Run the event loop until ``predicate()`` holds or the time is up."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not predicate():
        if deadline.hasExpired():
            return False
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    return True


def screenshot(file: str | None, out: str, *, size: tuple[int, int], variant: str | None, theme: str = "light") -> int:
    """Render the window offscreen on ``file`` (or the sample), once the preview has loaded, to a PNG."""
    _prepare_environment(offscreen=True)
    app = application()
    from PySide6.QtCore import QEventLoop, QTimer

    from viewer.recovery import RecoveryStore
    from viewer.resources import SAMPLE_ARTICLE
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="wikiview-shot-") as tmp:
        # fresh settings and recovery folder: the default layout, nothing of the user's touched
        settings = Settings(Path(tmp) / "settings.ini")
        settings.set("theme", theme)
        window = MainWindow(settings, recovery=RecoveryStore(Path(tmp) / "recovery"))
        window.resize(*size)
        window.show()
        window.default_layout()
        tabs = window.open_files([file or SAMPLE_ARTICLE])
        if not tabs:
            print(f"wikiview screenshot: cannot open {file}", file=sys.stderr)
            return 2
        tab = tabs[0]
        if variant:
            index = tab.variant_box.findData(variant)
            if index < 0:
                print(f"wikiview screenshot: unknown variant {variant!r}", file=sys.stderr)
                return 2
            tab.variant_box.setCurrentIndex(index)
        loop = QEventLoop()
        tab.preview.loaded.connect(loop.quit)
        timeout = QTimer(singleShot=True)
        timeout.timeout.connect(loop.quit)
        timeout.start(90_000)
        if not tab.preview.is_loaded:
            loop.exec()
        if not tab.preview.is_loaded:
            print("wikiview screenshot: the preview did not load within 90 seconds", file=sys.stderr)
            return 2
        # the panels come after the preview (a second worker), and a big page gets its body by a
        # script after the load: wait for both, then let Chromium paint
        _wait_until(lambda: tab.analysis is not None and tab.analysis.revision == tab.revision, 90_000)
        from viewer.ui.preview import run_js

        flushed = QEventLoop()
        run_js(tab.preview.page(), "1", lambda _value: flushed.quit())  # after the scripts queued before it
        QTimer.singleShot(30_000, flushed.quit)
        flushed.exec()
        settle = QEventLoop()
        QTimer.singleShot(600, settle.quit)
        settle.exec()
        if tab.last_result is not None and tab.last_result.error:
            print(f"wikiview screenshot: warning: {tab.last_result.error}", file=sys.stderr)
        image = window.grab().toImage()
        saved = image.save(out, "PNG")
        window.close()
        window.deleteLater()
        app.processEvents()
        if not saved:
            print(f"wikiview screenshot: cannot write {out}", file=sys.stderr)
            return 2
    return 0
