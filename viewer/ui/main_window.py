"""The main window: a coordinator. It owns the tabs, the docks, the menus and the status bar,
and routes commands to the current tab; the features live in their own modules.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QActionGroup, QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

from viewer.document import DocumentError, TextFormat, read_document
from viewer.recovery import RecoveryEntry, RecoveryStore, RecoveryWriter
from viewer.ui.actions import build_actions
from viewer.ui.dialogs import CANCEL, DISCARD, RELOAD, SAVE, Dialogs
from viewer.ui.document_tab import DocumentTab
from viewer.ui.panels import Panel, create_panels
from viewer.ui.settings import Settings
from viewer.ui.status_bar import StatusBar
from viewer.ui.theme import apply_theme

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """``current_tab_changed(new, old)`` when another document comes to the front."""

    current_tab_changed = Signal(object, object)

    def __init__(
        self,
        settings: Settings,
        *,
        dialogs: Dialogs | None = None,
        recovery: RecoveryStore | None = None,
        scheduler_factory=None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dialogs = dialogs or Dialogs(self)
        self.recovery_store = recovery or RecoveryStore()
        self.recovery = RecoveryWriter(self.recovery_store)
        # two render worker processes for all tabs (preview, panels), started with the first tab
        # (again after a crash)
        self._workers = None
        self._scheduler_factory = scheduler_factory or self._process_scheduler
        self._current: DocumentTab | None = None
        self._recovered_revision: dict[str, int] = {}
        self.setWindowTitle("WikiView")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)

        self.tabs = QTabWidget(documentMode=True, tabsClosable=True, movable=True)
        self.tabs.currentChanged.connect(self._tab_switched)
        self.tabs.tabCloseRequested.connect(self._close_requested)
        self.setCentralWidget(self.tabs)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.reopen_requested.connect(self.reopen_with_encoding)
        self.status.save_requested.connect(self.save_with_encoding)
        self.status.newline_requested.connect(self.set_newline)

        self.actions, self.menus = build_actions(self, self.menuBar())
        self._connect_actions()
        self.panels: list[Panel] = create_panels(self)
        panel_menu = self.menus["View"].addMenu("&Panels")
        for panel in self.panels:
            self.addDockWidget(panel.spec.area, panel)
            panel_menu.addAction(panel.toggleViewAction())
        self.menuBar().addMenu(self.menus.pop("Help"))  # keep Help last, after the panels
        self.resize(1500, 950)
        self._restore_layout()

        self._recovery_timer = QTimer(self, interval=settings.get("recovery_interval_ms"))
        self._recovery_timer.timeout.connect(self.write_recovery)
        self._recovery_timer.start()
        settings.settings_changed.connect(self._setting_changed)
        app = QApplication.instance()
        if app is not None:  # "follow the system" follows it while running, too
            app.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._apply_view_settings()
        self._fill_recent()

    # -- actions ---------------------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        a = self.actions
        tab = self.current_tab

        def on(name: str, slot) -> None:
            def run(*_args) -> None:  # a slot returning a value upsets PySide's refcounts at exit
                slot()

            a[name].triggered.connect(run)

        on("new", self.new_tab)
        on("open", self.open_dialog)
        on("open_with_encoding", self.open_with_encoding)
        on("save", self.save)
        on("save_as", self.save_as)
        on("reload", self.reload_current)
        on("close", lambda: self.close_tab(tab()))
        on("quit", self.close)
        for name in ("undo", "redo", "cut", "copy", "paste"):
            on(name, lambda name=name: tab() and getattr(tab().editor, name)())
        on("select_all", lambda: tab() and tab().editor.selectAll())
        on("find", lambda: tab() and tab().find_bar.open_bar())
        on("replace", lambda: tab() and tab().find_bar.open_bar(replace=True))
        on("find_next", lambda: tab() and tab().find_bar.find_next())
        on("find_previous", lambda: tab() and tab().find_bar.find_previous())
        on("go_to_line", self.go_to_line)
        on("matching", lambda: tab() and tab().editor.jump_to_matching())
        on("select_matching", lambda: tab() and tab().editor.select_to_matching())
        on("comment", lambda: tab() and tab().editor.toggle_comment())
        on("preferences", self.show_preferences)
        a["auto_close"].toggled.connect(lambda on_: self.settings.set("auto_close_brackets", on_))
        a["soft_wrap"].toggled.connect(lambda on_: self.settings.set("soft_wrap", on_))
        a["line_numbers"].toggled.connect(lambda on_: self.settings.set("line_numbers", on_))
        on("font", self.choose_font)
        on("templates_dir", self.choose_templates_dir)
        on("zoom_in", lambda: self.settings.set("zoom", self.settings.get("zoom") + 1))
        on("zoom_out", lambda: self.settings.set("zoom", self.settings.get("zoom") - 1))
        on("zoom_reset", lambda: self.settings.set("zoom", 0))
        themes = QActionGroup(self)
        for name in ("light", "dark", "system"):
            action = a[f"theme_{name}"]
            themes.addAction(action)
            action.triggered.connect(lambda _=False, name=name: self.settings.set("theme", name))
        on("about", self.show_about)

    def _apply_view_settings(self) -> None:
        s, a = self.settings, self.actions
        for name, key in (("auto_close", "auto_close_brackets"), ("soft_wrap", "soft_wrap"), ("line_numbers", "line_numbers")):
            a[name].blockSignals(True)
            a[name].setChecked(s.get(key))
            a[name].blockSignals(False)
        a[f"theme_{s.get('theme')}"].setChecked(True)
        app = QApplication.instance()
        if app is not None:
            apply_theme(app, s.get("theme"))

    def _setting_changed(self, key: str) -> None:
        self._apply_view_settings()
        for tab in self.all_tabs():
            tab.apply_settings(key)
            if key == "sync_scroll":
                tab.sync_button.setChecked(self.settings.get(key))
        if key == "recovery_interval_ms":
            self._recovery_timer.setInterval(self.settings.get(key))

    def _system_scheme_changed(self, *_args) -> None:
        if self.settings.get("theme") == "system":
            self._setting_changed("theme")

    def show_preferences(self) -> None:
        from viewer.ui.document_tab import variant_choices

        self.dialogs.preferences(self.settings, variants=variant_choices())

    def choose_font(self) -> None:
        chosen = self.dialogs.choose_font(self.settings.get("font_family"), self.settings.get("font_size"))
        if chosen:
            self.settings.set("font_family", chosen[0])
            self.settings.set("font_size", chosen[1])

    def choose_templates_dir(self) -> None:
        """The folder of template pages (Name.wiki) the preview uses before its built-in ones;
        cancelling keeps the current one, an empty choice clears it."""
        chosen = self.dialogs.choose_folder("Template Folder", self.settings.get("templates_dir"))
        if chosen is not None:
            self.settings.set("templates_dir", chosen)

    def show_about(self) -> None:
        from viewer.ui.about import show_about

        show_about(self)

    # -- tabs ------------------------------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentTab) else None

    def all_tabs(self) -> list[DocumentTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def new_tab(self) -> DocumentTab:
        tab = DocumentTab(self.settings, scheduler_factory=self._scheduler_factory)
        tab.state_changed.connect(lambda tab=tab: self._tab_state_changed(tab))
        tab.message.connect(lambda text: self.status.showMessage(text, 8000))
        tab.changed_on_disk.connect(lambda tab=tab: self._changed_on_disk(tab))
        tab.preview.link_activated.connect(self._open_link)
        tab.editor.zoom_changed.connect(lambda steps: self.settings.set("zoom", steps))
        tab.sync_button.toggled.connect(lambda on_: self.settings.set("sync_scroll", on_))
        default_variant = self.settings.get("default_variant")
        if default_variant:  # an Untitled text shows in the default variant too
            tab.variant_box.setCurrentIndex(max(0, tab.variant_box.findData(default_variant)))
        self.tabs.addTab(tab, tab.title())
        self.tabs.setCurrentWidget(tab)
        tab.scheduler.text_changed(tab.revision, 10**9)  # a first (empty) analysis at once
        tab.editor.setFocus()
        return tab

    def _process_scheduler(self, snapshot):
        from viewer.ui.render_worker import RenderScheduler, SharedWorker, panels_worker

        if self._workers is None:
            self._workers = (SharedWorker(), panels_worker())  # the preview's, the panels'
            for worker in self._workers:
                worker.executor()  # start them now: they import the core while the file is read
        return RenderScheduler(snapshot, delay_ms=self.settings.get("preview_delay_ms"), workers=self._workers)

    def _tab_switched(self, _index: int) -> None:
        old, new = self._current, self.current_tab()
        self._current = new
        for panel in self.panels:
            panel.set_tab(new)
        self._tab_state_changed(new)
        self.current_tab_changed.emit(new, old)

    def _tab_state_changed(self, tab: DocumentTab | None) -> None:
        if tab is not None:
            index = self.tabs.indexOf(tab)
            self.tabs.setTabText(index, tab.title() + (" •" if tab.is_modified() else ""))
            self.tabs.setTabToolTip(index, str(tab.path) if tab.path else "Not saved yet")
        if tab is self.current_tab():
            self.status.show_tab(tab)
            name = tab.title() if tab is not None else ""
            self.setWindowTitle(f"{name}{' •' if tab is not None and tab.is_modified() else ''} — WikiView" if name else "WikiView")

    def _reusable_tab(self) -> DocumentTab | None:
        """The current tab if it is an empty, unchanged Untitled one (opening replaces it)."""
        tab = self.current_tab()
        if tab is not None and tab.path is None and not tab.is_modified() and tab.editor.document().isEmpty():
            return tab
        return None

    def open_files(self, paths: list[str | Path], encoding: str | None = None) -> list[DocumentTab]:
        """Open files (``encoding``: read them in it instead of detecting); an open one comes to the
        front, and is read again in ``encoding`` if one is given and it has no unsaved changes."""
        opened = []
        for path in paths:
            path = Path(path).absolute()
            existing = next((t for t in self.all_tabs() if t.path == path), None)
            if existing is not None:
                self.tabs.setCurrentWidget(existing)
                opened.append(existing)
                if encoding is None:
                    continue
                if existing.is_modified():
                    self.dialogs.error("Cannot reopen the file", f"“{existing.title()}” has unsaved changes: save or close it first.")
                    continue
            try:
                document = read_document(path, encoding)
            except DocumentError as error:
                self.dialogs.error("Cannot open the file", str(error))
                continue
            if existing is not None:
                existing.load(document)
                self._tab_state_changed(existing)
                continue
            tab = self._reusable_tab() or self.new_tab()
            tab.load(document)
            self._tab_state_changed(tab)
            self.settings.add_recent(str(path))
            self.settings.set("last_dir", str(path.parent))
            opened.append(tab)
        self._fill_recent()
        return opened

    def open_dialog(self) -> None:
        files = self.dialogs.open_file_names(self.settings.get("last_dir"))
        if files:
            self.open_files(files)

    def open_with_encoding(self) -> None:
        chosen = self.dialogs.open_with_encoding(self.settings.get("last_dir"))
        if chosen and chosen[0]:
            self.open_files(chosen[0], chosen[1])

    def reopen_with_encoding(self, encoding: str) -> None:
        """Read the current file again in ``encoding`` (the status bar's encoding menu)."""
        tab = self.current_tab()
        if tab is None or tab.path is None:
            self.status.showMessage("The text is not read from a file: nothing to reopen.", 5000)
            return
        self.open_files([tab.path], encoding)

    def save_with_encoding(self, encoding: str, bom: bool) -> bool:
        """Save the current text in ``encoding`` (Save As for a text without a file)."""
        tab = self.current_tab()
        if tab is None:
            return False
        fmt = replace(tab.document.format, encoding=encoding, bom=bom, mixed_newlines=False)
        if tab.path is None:
            chosen = self.dialogs.save_file_name(str(Path(self.settings.get("last_dir") or Path.home()) / "Untitled.wiki"), fmt)
            return bool(chosen) and self._save_to(tab, Path(chosen[0]), chosen[1])
        return self._save_to(tab, None, fmt)

    def set_newline(self, newline: str) -> None:
        """The newline style the next save writes; the text counts as changed (as in Kate)."""
        tab = self.current_tab()
        if tab is None or tab.document.format.newline == newline and not tab.document.format.mixed_newlines:
            return
        # (original=b"": the bytes read no longer say how to write the text)
        fmt = replace(tab.document.format, newline=newline, mixed_newlines=False)
        tab.document = replace(tab.document, format=fmt, original=b"")
        tab.editor.document().setModified(True)
        self._tab_state_changed(tab)

    def _fill_recent(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        for path in self.settings.get("recent_files"):
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, path=path: None if self.open_files([path]) else None)
        menu.setEnabled(not menu.isEmpty())

    # -- saving and closing --------------------------------------------------------------------------

    def save(self, tab: DocumentTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None:
            return False
        if tab.path is None:
            return self.save_as(tab)
        return self._save_to(tab, None)

    def save_as(self, tab: DocumentTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is None:
            return False
        suggested = str(tab.path) if tab.path else str(Path(self.settings.get("last_dir") or Path.home()) / "Untitled.wiki")
        chosen = self.dialogs.save_file_name(suggested, tab.document.format)
        if not chosen:
            return False
        name, fmt = chosen
        return self._save_to(tab, Path(name), fmt)

    def _save_to(self, tab: DocumentTab, path: Path | None, fmt: TextFormat | None = None) -> bool:
        try:
            tab.save(path, fmt)  # nothing is written if the text cannot be encoded in fmt
        except DocumentError as error:
            # the text stays in the editor, unchanged and still marked modified
            self.dialogs.error("Cannot save the file", str(error))
            return False
        self.recovery.discard(tab.recovery_key)
        self._recovered_revision.pop(tab.recovery_key, None)
        self.settings.add_recent(str(tab.path))
        self._fill_recent()
        self._tab_state_changed(tab)
        self.status.showMessage(f"Saved {tab.path}", 5000)
        return True

    def _close_requested(self, index: int) -> None:
        self.close_tab(self.tabs.widget(index))

    def close_tab(self, tab: DocumentTab | None) -> bool:
        if tab is None:
            return False
        if tab.is_modified():
            self.tabs.setCurrentWidget(tab)
            answer = self.dialogs.ask_save(tab.title())
            if answer == CANCEL or (answer == SAVE and not self.save(tab)):
                return False
        self.recovery.discard(tab.recovery_key)
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.shutdown()
        tab.deleteLater()
        return True

    def closeEvent(self, event) -> None:  # noqa: N802
        for tab in self.all_tabs():
            if not self.close_tab(tab):
                event.ignore()
                return
        self.settings.set("geometry", bytes(self.saveGeometry().data()))
        self.settings.set("window_state", bytes(self.saveState().data()))
        self.settings.sync()
        self._recovery_timer.stop()
        self.recovery.close()
        if self._workers is not None:
            for worker in self._workers:
                worker.shutdown()
            self._workers = None
        event.accept()

    def reload_current(self) -> None:
        tab = self.current_tab()
        if tab is None or tab.path is None:
            return
        if tab.is_modified() and self.dialogs.ask_save(tab.title()) != DISCARD:
            return
        self._reload(tab)

    def _reload(self, tab: DocumentTab) -> None:
        try:
            tab.reload_from_disk()
        except DocumentError as error:
            self.dialogs.error("Cannot reload the file", str(error))

    def _changed_on_disk(self, tab: DocumentTab) -> None:
        if self.dialogs.ask_reload(tab.title(), tab.is_modified()) == RELOAD:
            self._reload(tab)
        else:
            tab.keep_mine()

    def go_to_line(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        line = self.dialogs.go_to_line(tab.editor.textCursor().blockNumber() + 1, tab.editor.blockCount())
        if line:
            tab.editor.go_to_line(line)

    def _open_link(self, url: QUrl) -> None:
        self.status.showMessage(url.toString(), 10000)
        if url.scheme() in ("http", "https") and self.dialogs.confirm_open_url(url):
            QDesktopServices.openUrl(url)

    # -- recovery ------------------------------------------------------------------------------------

    def write_recovery(self) -> None:
        """Hand the text of every changed document to the background writer (only if it changed)."""
        for tab in self.all_tabs():
            if not tab.is_modified():
                if self._recovered_revision.pop(tab.recovery_key, None) is not None:
                    self.recovery.discard(tab.recovery_key)
                continue
            if self._recovered_revision.get(tab.recovery_key) == tab.revision:
                continue
            self._recovered_revision[tab.recovery_key] = tab.revision
            self.recovery.submit(tab.recovery_key, tab.text(), path=str(tab.path) if tab.path else None, title=tab.title())

    def offer_recovery(self) -> list[DocumentTab]:
        """After a crash: offer the copies left behind, reopen the chosen ones, forget the rest."""
        orphans = self.recovery_store.orphans()
        if not orphans:
            return []
        chosen = self.dialogs.offer_recovery(orphans)
        tabs = [self.restore(entry) for entry in chosen]
        for entry in orphans:
            self.recovery_store.remove(entry.key)
        self.write_recovery()  # the restored text is unsaved again: keep it safe under the new keys
        return [t for t in tabs if t is not None]

    def restore(self, entry: RecoveryEntry) -> DocumentTab | None:
        tab = None
        if entry.path and Path(entry.path).exists():
            opened = self.open_files([entry.path])
            tab = opened[0] if opened else None
        if tab is None:
            tab = self._reusable_tab() or self.new_tab()
        tab.set_text(entry.text, modified=True)
        self._tab_state_changed(tab)
        return tab

    # -- layout and drops ------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get("geometry")
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.get("window_state")
        self.fresh_layout = not state or not self.restoreState(state)
        if self.fresh_layout:
            self.default_layout()

    def default_layout(self) -> None:
        outline, references = self.panels[0], self.panels[1]
        for panel in self.panels:
            panel.show()
        self.resizeDocks([outline], [int(self.width() * 0.17)], Qt.Orientation.Horizontal)
        self.resizeDocks([references], [int(self.height() * 0.24)], Qt.Orientation.Vertical)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_files(files)
