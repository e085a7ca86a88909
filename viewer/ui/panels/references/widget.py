"""The references panel: the diagnostics grouped by severity, filtered by severity and family.

Its dock's title carries the count. A click (or double-click, or Enter) selects the source; a
diagnostic with a quick fix offers it (toolbar button and context menu), applied by the tab as
one undoable edit. Typing re-fills the list without losing the selected finding or the scroll.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.panels._follow import TabFollower

ROW = Qt.ItemDataRole.UserRole  # the item's index into ReferencesWidget._rows
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
SEVERITY_COLOURS = {"error": QColor(200, 40, 40), "warning": QColor(190, 120, 0), "info": QColor(40, 110, 190)}


def _key(d) -> tuple:
    """What identifies a finding across edits (its offsets move as the text is typed)."""
    return (d.code, d.message, d.source_key)


class ReferencesWidget(TabFollower, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dock = parent
        self.severity_boxes: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(2, 2, 2, 0)
        for severity in SEVERITY_TITLES:
            button = QToolButton(text=SEVERITY_TITLES[severity], checkable=True, checked=True, autoRaise=True)
            button.toggled.connect(self._refill)
            self.severity_boxes[severity] = button
            bar.addWidget(button)
        self.family_box = QComboBox()
        self.family_box.addItem("All families", None)
        self.family_box.currentIndexChanged.connect(self._refill)
        bar.addWidget(self.family_box)
        self.filter_edit = QLineEdit(placeholderText="Filter", clearButtonEnabled=True)
        self.filter_edit.textChanged.connect(self._refill)
        bar.addWidget(self.filter_edit, 1)
        self.fix_button = QToolButton(text="Quick fix", autoRaise=True, enabled=False)
        self.fix_button.clicked.connect(self._fix_current)
        bar.addWidget(self.fix_button)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Message", "Line", "Code"])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.diagnostics: tuple = ()
        self._rows: list = []  # the findings the tree shows, in item order

    # -- filling -------------------------------------------------------------------------------------

    def show_analysis(self, analysis) -> None:
        if analysis is None:
            if self._tab is None:
                self.diagnostics = ()
                self._refill()
            return
        diagnostics = tuple(analysis.diagnostics)
        same = [_key(d) for d in diagnostics] == [_key(d) for d in self.diagnostics]
        self.diagnostics = diagnostics
        if same and self._update_in_place():
            return  # typing moved the findings but changed none: keep the tree as it is
        self._update_families()
        self._refill()

    def diagnostic_of(self, item: QTreeWidgetItem | None):
        """The finding an item shows (None for a group heading)."""
        row = item.data(0, ROW) if item is not None else None
        return self._rows[row] if row is not None and row < len(self._rows) else None

    def _line(self, offset: int) -> int:
        # the editor's blocks are the lines: no scan of the text (a 1 MB article costs 80 ms)
        return self._tab.line_of(offset) if self._tab is not None else 0

    def _groups(self) -> list[tuple[str, list]]:
        """The shown findings as the tree lists them: by severity, then by position."""
        shown = self.visible_diagnostics()
        groups = []
        for severity in SEVERITY_TITLES:
            group = sorted((d for d in shown if d.severity == severity), key=lambda d: d.start)
            if group:
                groups.append((severity, group))
        return groups

    def _update_in_place(self) -> bool:
        """Give the shown items their findings' new spans and lines; False if the rows differ."""
        groups = self._groups()
        if self.tree.topLevelItemCount() != len(groups):
            return False
        for i, (_severity, group) in enumerate(groups):
            top = self.tree.topLevelItem(i)
            if top.childCount() != len(group) or any(_key(self.diagnostic_of(top.child(j))) != _key(d) for j, d in enumerate(group)):
                return False
        # the items keep their row numbers; only the findings behind them and changed lines are new
        self._rows = [d for _severity, group in groups for d in group]
        for i, (_severity, group) in enumerate(groups):
            top = self.tree.topLevelItem(i)
            for j, d in enumerate(group):
                item = top.child(j)
                line = str(self._line(d.start))
                if item.text(1) != line:
                    item.setText(1, line)
        return True

    def _update_families(self) -> None:
        families = sorted({d.family for d in self.diagnostics})
        current = self.family_box.currentData()
        if families == [self.family_box.itemData(i) for i in range(1, self.family_box.count())]:
            return
        with QSignalBlocker(self.family_box):
            self.family_box.clear()
            self.family_box.addItem("All families", None)
            for family in families:
                self.family_box.addItem(family, family)
            index = self.family_box.findData(current)
            self.family_box.setCurrentIndex(max(0, index))

    def visible_diagnostics(self) -> list:
        family = self.family_box.currentData()
        needle = self.filter_edit.text().strip().lower()
        return [
            d
            for d in self.diagnostics
            if self.severity_boxes[d.severity].isChecked()
            and (family is None or d.family == family)
            and (not needle or needle in d.message.lower() or needle in d.code)
        ]

    def _refill(self, *_args) -> None:
        counts = Counter(d.severity for d in self.diagnostics)
        for severity, button in self.severity_boxes.items():
            button.setText(f"{SEVERITY_TITLES[severity]} ({counts.get(severity, 0)})")
        if self._dock is not None:
            total = len(self.diagnostics)
            self._dock.setWindowTitle(f"References ({total})" if total else "References")
        current = self.tree.currentItem()
        current_d = self.diagnostic_of(current)
        current_key = _key(current_d) if current_d is not None else None
        self._rows = []
        scroll = self.tree.verticalScrollBar().value()
        collapsed = {self.tree.topLevelItem(i).text(0).split(" (")[0] for i in range(self.tree.topLevelItemCount()) if not self.tree.topLevelItem(i).isExpanded()}
        with QSignalBlocker(self.tree):
            self.tree.clear()
            restore = None
            for severity, group in self._groups():
                title = SEVERITY_TITLES[severity]
                top = QTreeWidgetItem([f"{title} ({len(group)})"])
                top.setForeground(0, QBrush(SEVERITY_COLOURS[severity]))
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                top.setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(top)
                for d in group:
                    line = self._line(d.start)
                    item = QTreeWidgetItem([d.message, str(line), d.code])
                    item.setData(0, ROW, len(self._rows))
                    self._rows.append(d)
                    item.setToolTip(0, d.message + ("\nQuick fix: " + d.fixes[0].label if d.fixes else ""))
                    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                    top.addChild(item)
                    if current_key is not None and _key(d) == current_key:
                        restore = item
                top.setExpanded(title not in collapsed)
            if restore is not None:
                self.tree.setCurrentItem(restore)
        self.tree.verticalScrollBar().setValue(scroll)
        self._current_changed(self.tree.currentItem())

    # -- acting --------------------------------------------------------------------------------------

    def show_cursor(self, offset: int) -> None:
        pass  # the list is ordered by position; following the cursor here would fight the user's selection

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        d = self.diagnostic_of(item)
        if d is not None and self._tab is not None:
            self._tab.select_span(d.start, d.end)

    def _current_changed(self, item, _previous=None) -> None:
        d = self.diagnostic_of(item)
        self.fix_button.setEnabled(bool(d is not None and d.fixes))
        self.fix_button.setToolTip(d.fixes[0].label if d is not None and d.fixes else "")

    def _fix_current(self) -> None:
        item = self.tree.currentItem()
        d = self.diagnostic_of(item)
        if d is not None and d.fixes and self._tab is not None:
            self._tab.apply_fix(d.fixes[0])

    def _context_menu(self, point) -> None:
        item = self.tree.itemAt(point)
        d = self.diagnostic_of(item)
        if d is None:
            return
        menu = QMenu(self)
        go = QAction("Select in editor", menu)
        go.triggered.connect(lambda: self._activate(item))
        menu.addAction(go)
        for fix in d.fixes:
            action = QAction(f"Fix: {fix.label}", menu)
            action.triggered.connect(lambda _=False, fix=fix: None if self._tab.apply_fix(fix) else None)
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(point))
