"""The window while typing, measured in the real window, offscreen.

keystroke_preview_seed_ms / keystroke_preview_mb_ms: from a key press in the editor to the
preview patched with that keystroke (median of several keystrokes), on the sample and on the
1 MB text. gui_max_block_ms: the longest stall of the GUI thread while typing into the 1 MB
text (a 2 ms QTimer on the GUI thread records how late it fires) — the highlighter, the panels,
the preview patches and the worker's results all count.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = ("--no-sandbox " + os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")).strip()


def _wait(app, predicate, timeout_s: float) -> bool:
    end = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > end:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def _open(app, window, text: str, folder: Path, name: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    (tab,) = window.open_files([path])
    if not _wait(app, lambda: tab.analysis is not None and tab.analysis.revision == tab.revision and tab.preview.is_loaded, 180):
        raise RuntimeError(f"the preview of {name} did not load")
    highlighter = tab.highlighter
    if highlighter is not None and hasattr(highlighter, "finish_pass"):
        highlighter.finish_pass()
    _wait(app, lambda: False, 0.5)  # let the first paint and panels settle
    return tab


def _place_cursor(tab, text: str) -> None:
    from PySide6.QtGui import QTextCursor

    # in the middle of a paragraph of the article body, as a person would be typing
    anchor = text.index("在几小时内")
    cursor = QTextCursor(tab.editor.document())
    cursor.setPosition(tab.offsets().to_utf16(anchor))
    tab.editor.setTextCursor(cursor)


def _keystroke_to_preview_ms(app, tab, text: str, repeat: int) -> float:
    from PySide6.QtTest import QTest

    _place_cursor(tab, text)
    times = []
    state = {"done": False}

    def patched():
        if tab.preview.revision == tab.revision:  # the patch of this keystroke's text, not an older one
            state["done"] = True

    tab.preview.patched.connect(patched)
    for i in range(repeat):
        state["done"] = False
        started = time.perf_counter()
        QTest.keyClicks(tab.editor, "x")  # QTest types ASCII only
        if not _wait(app, lambda: state["done"], 30):
            raise RuntimeError("the preview did not follow a keystroke within 30 s")
        times.append((time.perf_counter() - started) * 1000)
        _wait(app, lambda: False, 0.15)
    tab.preview.patched.disconnect(patched)
    return statistics.median(times)


def _max_block_ms(app, tab, text: str, keys: int = 40, interval_ms: int = 90) -> float:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    _place_cursor(tab, text)
    tick_ms = 2
    last = [time.perf_counter()]
    worst = [0.0]

    def tick():
        now = time.perf_counter()
        worst[0] = max(worst[0], (now - last[0]) * 1000 - tick_ms)
        last[0] = now

    timer = QTimer()
    timer.setInterval(tick_ms)
    timer.timeout.connect(tick)
    timer.start()
    _wait(app, lambda: False, 0.2)
    worst[0] = 0.0
    last[0] = time.perf_counter()
    for i in range(keys):
        QTest.keyClicks(tab.editor, "y")
        last[0] = time.perf_counter()  # the keystroke itself is what we cause, not a stall we suffer
        _wait(app, lambda: False, interval_ms / 1000)
    _wait(app, lambda: tab.analysis is not None and tab.analysis.revision == tab.revision, 60)
    _wait(app, lambda: False, 0.5)
    timer.stop()
    return worst[0]


def run(inputs) -> dict[str, float]:
    from viewer.recovery import RecoveryStore
    from viewer.ui.app import application
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    app = application([])
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="wikiview-bench-") as tmp:
        folder = Path(tmp)
        window = MainWindow(Settings(folder / "settings.ini"), recovery=RecoveryStore(folder / "recovery"))
        window.resize(1600, 1000)
        window.show()
        # as run_gui does at start-up; here it also keeps the benchmarks run before this one (their
        # objects live in this process, not in the app's) out of the collector's full passes
        gc.collect()
        gc.freeze()
        try:
            seed = _open(app, window, inputs.seed, folder, "seed.wiki")
            figures["keystroke_preview_seed_ms"] = _keystroke_to_preview_ms(app, seed, inputs.seed, repeat=7)
            mb = _open(app, window, inputs.mb, folder, "mb.wiki")
            figures["keystroke_preview_mb_ms"] = _keystroke_to_preview_ms(app, mb, inputs.mb, repeat=3)
            figures["gui_max_block_ms"] = _max_block_ms(app, mb, inputs.mb)
        finally:
            for tab in window.all_tabs():
                tab.editor.document().setModified(False)
            window.close()
            window.deleteLater()
            app.processEvents()
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import Inputs

    from viewer.resources import SAMPLE_ARTICLE

    seed = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    print(run(Inputs(seed=seed, mb="\n".join([seed] * 15))))
