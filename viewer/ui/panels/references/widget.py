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

from viewer.ui.panels._follow import TabFollower, many_changes

ROW = Qt.ItemDataRole.UserRole  # the item's serial number, the key of its finding
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
SEVERITY_COLOURS = {"error": QColor(200, 40, 40), "warning": QColor(190, 120, 0), "info": QColor(40, 110, 190)}


def _key(d) -> tuple:
    """What identifies a finding across edits (its offsets move as the text is typed)."""
    return (d.code, d.message, d.source_key)


def _align(old: list, new: list, window: int = 16) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index) walking both lists in order: equal keys are paired; a key
    found a little further on the other side means rows were inserted (old None) or removed
    (new None) before it; otherwise the rows are paired as the same row changed. Linear for
    the edits typing makes (a finding added or dropped, messages changed here and there)."""
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
            continue
        later_new = next((k for k in range(j + 1, min(len(new), j + window)) if new[k] == old[i]), None)
        later_old = next((k for k in range(i + 1, min(len(old), i + window)) if old[k] == new[j]), None)
        if later_new is not None and (later_old is None or later_new - j <= later_old - i):
            pairs += [(None, k) for k in range(j, later_new)]
            j = later_new
        elif later_old is not None:
            pairs += [(k, None) for k in range(i, later_old)]
            i = later_old
        else:
            pairs.append((i, j))
            i, j = i + 1, j + 1
    pairs += [(k, None) for k in range(i, len(old))]
    pairs += [(None, k) for k in range(j, len(new))]
    return pairs


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
        # the rows shown: per severity group its items in order; an item's serial number
        # (ROW) names its finding in _findings; _ids maps an item to its serial without asking Qt
        self._shown: list[tuple[str, list[QTreeWidgetItem]]] = []
        self._findings: dict[int, object] = {}
        self._ids: dict[int, int] = {}
        self._line_texts: dict[int, str] = {}  # serial -> the line shown, so as not to ask Qt

    # -- filling -------------------------------------------------------------------------------------

    def show_analysis(self, analysis) -> None:
        if analysis is None:
            if self._tab is None:
                self.diagnostics = ()
                self._refill()
            return
        self.diagnostics = tuple(analysis.diagnostics)
        self._show_counts()
        if self._update_families():
            self._refill()  # the family shown is gone
        else:
            self._update_rows()

    def diagnostic_of(self, item: QTreeWidgetItem | None):
        """The finding an item shows (None for a group heading)."""
        key = item.data(0, ROW) if item is not None else None
        return self._findings.get(key) if key is not None else None

    def _lines(self, groups) -> list[str]:
        starts = [d.start for _severity, group in groups for d in group]
        if self._tab is None:
            return ["0"] * len(starts)
        return [str(line) for line in self._tab.lines_of(starts)]

    def _groups(self) -> list[tuple[str, list]]:
        """The shown findings as the tree lists them: by severity, then by position."""
        shown = self.visible_diagnostics()
        groups = []
        for severity in SEVERITY_TITLES:
            group = sorted((d for d in shown if d.severity == severity), key=lambda d: d.start)
            if group:
                groups.append((severity, group))
        return groups

    def _update_rows(self) -> None:
        """Bring the tree to the new findings by changing only the rows that differ: typing moves
        findings (new spans and lines, same rows), changes a few messages (those naming a line)
        and adds or drops a few; a tree of thousands of rows is not rebuilt for that, and keeps
        its selection and scroll."""
        groups = self._groups()
        if [severity for severity, _group in groups] != [severity for severity, _items in self._shown]:
            self._refill()  # a group appears or goes
            return
        lines = iter(self._lines(groups))
        with many_changes(self.tree):
            for index, ((severity, group), (_severity, items)) in enumerate(zip(groups, self._shown)):
                top = self.tree.topLevelItem(index)
                old_keys = [_key(self._findings[self._ids[id(item)]]) for item in items]
                new_keys = [_key(d) for d in group]
                kept: list[QTreeWidgetItem] = []
                for i, j in _align(old_keys, new_keys):
                    if j is None:  # the finding went
                        top.removeChild(items[i])
                        serial = self._ids.pop(id(items[i]))
                        del self._findings[serial], self._line_texts[serial]
                        continue
                    d = group[j]
                    if i is None:  # a new finding
                        item = self._item(d)
                        top.insertChild(len(kept), item)
                    else:  # the same row: its finding moved, or its message changed
                        item = items[i]
                        if old_keys[i] != new_keys[j]:
                            self._show_finding(item, d)
                        self._findings[self._ids[id(item)]] = d
                    line = next(lines)
                    serial = self._ids[id(item)]
                    if self._line_texts.get(serial) != line:
                        self._line_texts[serial] = line
                        item.setText(1, line)
                    kept.append(item)
                items[:] = kept
                top.setText(0, f"{SEVERITY_TITLES[severity]} ({len(group)})")
        self._current_changed(self.tree.currentItem())

    _serial = 0

    def _item(self, d) -> QTreeWidgetItem:
        """A row for a finding; the row knows it by a serial number, so that the finding behind
        it can change (its spans move as the text is typed) without touching the row."""
        ReferencesWidget._serial += 1
        serial = ReferencesWidget._serial
        item = QTreeWidgetItem()
        item.setData(0, ROW, serial)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self._show_finding(item, d)
        self._findings[serial] = d
        self._ids[id(item)] = serial
        return item

    @staticmethod
    def _show_finding(item: QTreeWidgetItem, d) -> None:
        item.setText(0, d.message)
        item.setText(2, d.code)
        item.setToolTip(0, d.message + ("\nQuick fix: " + d.fixes[0].label if d.fixes else ""))

    def _update_families(self) -> bool:
        """Offer the families found; True if the family being shown is no longer among them."""
        families = sorted({d.family for d in self.diagnostics})
        current = self.family_box.currentData()
        if families == [self.family_box.itemData(i) for i in range(1, self.family_box.count())]:
            return False
        with QSignalBlocker(self.family_box):
            self.family_box.clear()
            self.family_box.addItem("All families", None)
            for family in families:
                self.family_box.addItem(family, family)
            index = self.family_box.findData(current)
            self.family_box.setCurrentIndex(max(0, index))
        return index < 0 and current is not None

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

    def _show_counts(self) -> None:
        counts = Counter(d.severity for d in self.diagnostics)
        for severity, button in self.severity_boxes.items():
            button.setText(f"{SEVERITY_TITLES[severity]} ({counts.get(severity, 0)})")
        if self._dock is not None:
            total = len(self.diagnostics)
            self._dock.setWindowTitle(f"References ({total})" if total else "References")

    def _refill(self, *_args) -> None:
        """Build the tree anew (the filters changed): the selected finding and the scroll stay."""
        self._show_counts()
        current_d = self.diagnostic_of(self.tree.currentItem())
        current_key = _key(current_d) if current_d is not None else None
        scroll = self.tree.verticalScrollBar().value()
        collapsed = {severity for severity, _items in self._shown if not self._top(severity).isExpanded()}
        groups = self._groups()
        lines = iter(self._lines(groups))
        self._findings, self._ids, self._line_texts, self._shown = {}, {}, {}, []
        with many_changes(self.tree):
            self.tree.clear()
            restore = None
            for severity, group in groups:
                title = SEVERITY_TITLES[severity]
                top = QTreeWidgetItem([f"{title} ({len(group)})"])
                top.setForeground(0, QBrush(SEVERITY_COLOURS[severity]))
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                top.setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(top)
                items = []
                for d in group:
                    item = self._item(d)
                    line = self._line_texts[self._ids[id(item)]] = next(lines)
                    item.setText(1, line)
                    items.append(item)
                    if current_key is not None and _key(d) == current_key:
                        restore = item
                top.addChildren(items)
                top.setExpanded(severity not in collapsed)
                self._shown.append((severity, items))
            if restore is not None:
                self.tree.setCurrentItem(restore)
        self.tree.verticalScrollBar().setValue(scroll)
        self._current_changed(self.tree.currentItem())

    def _top(self, severity: str) -> QTreeWidgetItem:
        index = [s for s, _items in self._shown].index(severity)
        return self.tree.topLevelItem(index)

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
