"""GUI test set-up: one QApplication, temporary settings, scripted dialogs, a shared worker.

Windows get a thread executor running the real render job (fast to start, shared by all tests);
tests of the worker process itself use the real one. Nothing touches the user's settings or
recovery folder, and no modal dialog can block a run.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from viewer.recovery import RecoveryStore
from viewer.ui.dialogs import CANCEL, KEEP


class FakeDialogs:
    """Answers what the test scripted and records what was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.save_answer = CANCEL
        self.reload_answer = KEEP
        self.save_name: str | None = None
        self.save_format = None  # the TextFormat chosen in Save As; None keeps the file's
        self.open_encoding: str | None = None  # the encoding chosen in Open With Encoding
        self.preferences_script = None  # called with the Preferences dialog instead of running it
        self.open_names: list[str] = []
        self.accept_recovery = True
        self.open_url = False
        self.line: int | None = None
        self.font: tuple[str, int] | None = None
        self.folder: str | None = None

    def error(self, title, message):
        self.calls.append(("error", title, message))

    def open_file_names(self, directory):
        self.calls.append(("open",))
        return self.open_names

    def save_file_name(self, suggested, fmt=None):
        self.calls.append(("save_as", suggested))
        return (self.save_name, self.save_format or fmt) if self.save_name else None

    def open_with_encoding(self, directory):
        self.calls.append(("open_with_encoding",))
        return (self.open_names, self.open_encoding) if self.open_names else None

    def preferences(self, settings, *, variants=None):
        from viewer.ui.preferences import PreferencesDialog

        self.calls.append(("preferences",))
        dialog = PreferencesDialog(settings, variants=variants, choose_folder=self.choose_folder)
        if self.preferences_script is not None:
            self.preferences_script(dialog)
        dialog.deleteLater()

    def ask_save(self, title):
        self.calls.append(("ask_save", title))
        return self.save_answer

    def ask_reload(self, title, modified):
        self.calls.append(("ask_reload", title, modified))
        return self.reload_answer

    def offer_recovery(self, entries):
        self.calls.append(("offer_recovery", [e.key for e in entries]))
        return list(entries) if self.accept_recovery else []

    def confirm_open_url(self, url):
        self.calls.append(("open_url", url.toString()))
        return self.open_url

    def choose_font(self, family, size):
        self.calls.append(("font", family, size))
        return self.font

    def choose_folder(self, title, start):
        self.calls.append(("folder", title, start))
        return self.folder

    def go_to_line(self, current, maximum):
        return self.line

    def asked(self, kind: str) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind]


@pytest.fixture(scope="session")
def shared_executor():
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-render")
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def settings(tmp_path, qapp):
    from viewer.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qapp, qtbot, tmp_path, settings, dialogs, shared_executor):
    from viewer.ui.main_window import MainWindow
    from viewer.ui.render_worker import RenderScheduler

    windows = []

    def make(**kwargs):
        factory = lambda snap: RenderScheduler(snap, delay_ms=10, executor=shared_executor)  # noqa: E731
        window = MainWindow(
            settings,
            dialogs=dialogs,
            recovery=RecoveryStore(tmp_path / "recovery"),
            scheduler_factory=factory,
            **kwargs,
        )
        window.resize(1400, 900)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        dialogs.save_answer = "discard"
        window.close()
        window.deleteLater()


@pytest.fixture
def window(make_window):
    return make_window()
