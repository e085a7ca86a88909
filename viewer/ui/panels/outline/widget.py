"""The outline tree: infobox fields first (as the article shows the infobox first), then sections.

Rebuilt only when the outline's shape changes (titles, levels, field names); otherwise the items
just take their new spans, so typing keeps the selection, the expanded state and the scroll.
The item under the editor's cursor is marked (bold, tinted), apart from the user's selection.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from viewer.ui.panels._follow import TabFollower, many_changes

SPAN = Qt.ItemDataRole.UserRole  # (start, end) of the item's source


class OutlineWidget(TabFollower, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Title", "Line"])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self._shape: tuple | None = None
        self._items: list[QTreeWidgetItem] = []  # in the order of _spans
        self._spans: list[tuple[int, int, int]] = []  # (start, end, kind) kind 0 section, 1 field, 2 infobox
        self._marked: list[QTreeWidgetItem] = []
        self.outline = None

    # -- building ------------------------------------------------------------------------------------

    @staticmethod
    def _shape_of(outline) -> tuple:
        return (
            tuple((b.template, tuple(f.name for f in b.fields)) for b in outline.infoboxes),
            tuple((s.level, s.title) for s in outline.sections),
        )

    def show_analysis(self, analysis) -> None:
        outline = analysis.outline if analysis is not None else None
        self.outline = outline
        if outline is None:
            if self._tab is None:
                self._clear()
            return  # keep showing the last outline while the next analysis runs
        shape = self._shape_of(outline)
        if shape == self._shape:
            self._update_spans(outline)
        else:
            self._rebuild(outline, shape)

    def _clear(self) -> None:
        with many_changes(self.tree):
            self.tree.clear()
        self._shape, self._items, self._spans, self._marked = None, [], [], []

    def _entries(self, outline):
        """(parent index or None, label, line, (select start, end), mark start, mark end, kind) in display order.

        A row selects its heading or field; it is marked while the cursor is anywhere in its section."""
        for box in outline.infoboxes:
            yield None, "{{" + box.template + "}}", box.line, (box.start, box.end), box.start, box.end, 2
            parent = len(self._spans_tmp) - 1
            for f in box.fields:
                yield parent, f"{f.name} = {' '.join(f.value.split())[:60]}", f.line, (f.start, f.end), f.start, f.end, 1
        stack: list[tuple[int, int]] = []  # (level, index)
        for s in outline.sections:
            while stack and stack[-1][0] >= s.level:
                stack.pop()
            yield (stack[-1][1] if stack else None), s.title, s.line, (s.start, s.end), s.start, max(s.section_end, s.end), 0
            stack.append((s.level, len(self._spans_tmp) - 1))

    def _rebuild(self, outline, shape) -> None:
        scroll = self.tree.verticalScrollBar().value()
        selected = self.tree.currentItem()
        selected_key = (selected.text(0), self.tree.indexOfTopLevelItem(selected)) if selected else None
        collapsed = {item.text(0) for item in self._items if item.childCount() and not item.isExpanded()}
        items: list[QTreeWidgetItem] = []
        self._spans_tmp: list[tuple[int, int, int]] = []
        bold = QFont()
        bold.setBold(True)
        with many_changes(self.tree):
            self.tree.clear()
            for parent, label, line, select, start, end, kind in self._entries(outline):
                item = QTreeWidgetItem([label, str(line)])
                item.setData(0, SPAN, select)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, label)
                if kind == 2:
                    item.setData(0, Qt.ItemDataRole.FontRole, bold)
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    items[parent].addChild(item)
                items.append(item)
                self._spans_tmp.append((start, end, kind))
            for item in items:
                if item.childCount():
                    item.setExpanded(item.text(0) not in collapsed)
            if selected_key is not None:
                for item in items:
                    if item.text(0) == selected_key[0]:
                        self.tree.setCurrentItem(item)
                        break
        self._items, self._spans, self._shape, self._marked = items, self._spans_tmp, shape, []
        self.tree.verticalScrollBar().setValue(scroll)
        if self._tab is not None:
            self.show_cursor(self._tab.cursor_offset())

    def _update_spans(self, outline) -> None:
        self._spans_tmp = []
        with many_changes(self.tree):
            for i, (_parent, label, line, select, start, end, kind) in enumerate(self._entries(outline)):
                self._spans_tmp.append((start, end, kind))
                item = self._items[i]
                item.setData(0, SPAN, select)
                if item.text(1) != str(line):
                    item.setText(1, str(line))
                if item.text(0) != label:
                    item.setText(0, label)
        self._spans = self._spans_tmp

    # -- following the cursor ------------------------------------------------------------------------

    def show_cursor(self, offset: int) -> None:
        """Mark the innermost section and the infobox field that hold ``offset``."""
        section = field = None
        for i, (start, end, kind) in enumerate(self._spans):
            if start <= offset < end or (offset == end and kind == 1):
                if kind == 0:
                    section = i  # later sections in the list are deeper
                elif kind == 1:
                    field = i
        wanted = [self._items[i] for i in (field, section) if i is not None]
        if wanted == self._marked:
            return
        tint = self.palette().color(QPalette.ColorRole.Highlight)
        tint.setAlpha(45)
        for item in self._marked:
            item.setData(0, Qt.ItemDataRole.BackgroundRole, None)
            item.setData(1, Qt.ItemDataRole.BackgroundRole, None)
        for item in wanted:
            item.setData(0, Qt.ItemDataRole.BackgroundRole, QBrush(tint))
            item.setData(1, Qt.ItemDataRole.BackgroundRole, QBrush(tint))
        self._marked = wanted
        if wanted:
            self.tree.scrollToItem(wanted[0], QAbstractItemView.ScrollHint.EnsureVisible)

    def marked_titles(self) -> list[str]:
        return [item.text(0) for item in self._marked]

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        span = item.data(0, SPAN)
        if span is not None and self._tab is not None:
            self._tab.select_span(*span)
