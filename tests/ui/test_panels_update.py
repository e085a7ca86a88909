"""The panels follow typing by changing only the rows that changed: the other rows stay the same
items (so their selection, expansion and the scroll stay), and lines and spans follow the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal

from viewer.ui.panels.references.widget import ReferencesWidget
from viewer.wikitext.analysis import Analysis
from viewer.wikitext.diagnostics import Diagnostic
from viewer.wikitext.outline import build_outline
from viewer.wikitext.render.result import RenderResult


class FakeTab(QObject):
    """What a panel asks of a document tab, over a plain string."""

    analysis_changed = Signal(object)
    cursor_moved = Signal(int)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text_ = text
        self.analysis = None
        self.selected = None

    def text(self) -> str:
        return self.text_

    def lines_of(self, offsets):
        return [self.text_.count("\n", 0, o) + 1 for o in offsets]

    def line_of(self, offset):
        return self.lines_of([offset])[0]

    def cursor_offset(self) -> int:
        return 0

    def select_span(self, start, end):
        self.selected = (start, end)

    def show(self, text: str, diagnostics) -> None:
        self.text_ = text
        self.analysis = Analysis(1, text, build_outline(text), tuple(diagnostics), RenderResult(html=""))
        self.analysis_changed.emit(self.analysis)


def finding(n: int, text: str, severity: str = "warning", code: str = "cite/missing-title") -> Diagnostic:
    start = text.index(f"ref{n}>")
    return Diagnostic(code, severity, f"Finding {n}", start, start + 5, source_key=f"k{n}")


def article(count: int, extra: str = "") -> str:
    return extra + "".join(f"line {i} <ref{i}>\n" for i in range(count))


@pytest.fixture
def panel(qtbot):
    widget = ReferencesWidget()
    qtbot.addWidget(widget)
    tab = FakeTab(article(300))
    widget.set_tab(tab)
    return widget, tab


def rows(widget):
    group = widget.tree.topLevelItem(0)
    return [group.child(i) for i in range(group.childCount())]


def test_typing_keeps_every_row_and_moves_spans_and_lines(panel):
    widget, tab = panel
    text = article(300)
    tab.show(text, [finding(i, text) for i in range(0, 300, 2)])
    before = rows(widget)
    assert len(before) == 150 and before[10].text(1) == "21"
    widget.tree.setCurrentItem(before[100])
    widget.tree.scrollToItem(before[100])
    scroll = widget.tree.verticalScrollBar().value()
    typed = article(300, extra="new line\nx")  # a line and a character typed at the top
    tab.show(typed, [finding(i, typed) for i in range(0, 300, 2)])
    after = rows(widget)
    assert all(a is b for a, b in zip(before, after)) and len(after) == 150  # the same items
    assert widget.tree.currentItem() is after[100] and widget.tree.verticalScrollBar().value() == scroll
    assert after[10].text(1) == "22"  # one line down
    assert widget.diagnostic_of(after[10]).start == typed.index("ref20>")


def test_a_finding_that_comes_goes_or_changes_touches_only_its_row(panel):
    widget, tab = panel
    text = article(300)
    tab.show(text, [finding(i, text) for i in range(0, 300, 2)])
    before = rows(widget)
    widget.tree.setCurrentItem(before[120])
    # one finding added (41), one gone (100)
    tab.show(text, sorted([finding(i, text) for i in range(0, 300, 2) if i != 100] + [finding(41, text)], key=lambda d: d.start))
    after = rows(widget)
    assert len(after) == 150 and after[:21] == before[:21] and after[22:51] == before[21:50] and after[51:] == before[51:]
    assert after[21] not in before and after[21].text(0) == "Finding 41" and after[21].text(1) == "42"
    assert widget.diagnostic_of(before[50]) is None  # the row that went is forgotten
    assert widget.tree.currentItem() is before[120]
    assert widget.tree.topLevelItem(0).text(0) == "Warnings (150)"
    # a finding whose message changed (one naming a line, say) keeps its row
    changed = [finding(i, text) for i in range(0, 300, 2) if i != 100] + [finding(41, text)]
    changed = sorted(changed, key=lambda d: d.start)
    changed[5] = Diagnostic(changed[5].code, "warning", "Now says more", changed[5].start, changed[5].end, source_key="k10")
    tab.show(text, changed)
    assert rows(widget) == after and after[5].text(0) == "Now says more"


def test_a_new_severity_group_and_the_filters_rebuild_the_tree(panel):
    widget, tab = panel
    text = article(10)
    tab.show(text, [finding(i, text) for i in range(10)])
    tab.show(text, [finding(i, text) for i in range(9)] + [finding(9, text, "error", "cite/no-text")])
    assert [widget.tree.topLevelItem(i).text(0) for i in range(2)] == ["Errors (1)", "Warnings (9)"]
    widget.severity_boxes["warning"].setChecked(False)
    assert widget.tree.topLevelItemCount() == 1
    widget.severity_boxes["warning"].setChecked(True)
    widget.family_box.setCurrentIndex(widget.family_box.findData("cite"))
    assert widget.tree.topLevelItemCount() == 2
    item = rows(widget)[0]
    widget._activate(item)
    assert tab.selected == (finding(9, text).start, finding(9, text).end)
