"""Files are never lost: save round trips, recovery after a crash, outside changes, I/O errors."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from viewer.ui.dialogs import CANCEL, DISCARD, RELOAD, SAVE


def test_save_round_trip_keeps_encoding_bom_and_newlines(window, tmp_path):
    path = tmp_path / "legacy.wiki"
    original = "\ufeff== 標題 ==\r\n正文 text\r\n".encode("utf-8")
    path.write_bytes(original)
    (tab,) = window.open_files([path])
    assert window.status.encoding.text() == "UTF-8 BOM" and window.status.newline.text() == "CRLF"
    assert tab.text() == "== 標題 ==\n正文 text\n"
    assert window.save()  # unchanged: the very same bytes
    assert path.read_bytes() == original
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("新行\n")
    assert window.save() and not tab.is_modified()
    assert path.read_bytes() == original + "新行\r\n".encode("utf-8")


def test_save_gb18030_and_save_as(window, tmp_path, dialogs):
    path = tmp_path / "gb.wiki"
    path.write_bytes("中文 𨭎\n".encode("gb18030"))
    (tab,) = window.open_files([path])
    assert tab.document.format.encoding == "gb18030"
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("再")
    dialogs.save_name = str(tmp_path / "copy.wiki")
    assert window.save_as()
    assert (tmp_path / "copy.wiki").read_bytes() == "中文 𨭎\n再".encode("gb18030")
    assert tab.path == tmp_path / "copy.wiki" and window.tabs.tabText(0) == "copy.wiki"


def test_unwritable_target_keeps_the_text_and_says_why(window, tmp_path, dialogs):
    tab = window.new_tab()
    tab.editor.insertPlainText("precious words")
    dialogs.save_name = str(tmp_path / "no" / "such" / "folder" / "x.wiki")
    assert not window.save()
    (error,) = dialogs.asked("error")
    assert "could not be saved" in error[2]
    assert tab.text() == "precious words" and tab.is_modified()


def test_unreadable_file_gives_a_message_not_a_crash(window, tmp_path, dialogs):
    binary = tmp_path / "binary.wiki"
    binary.write_bytes(b"\x00\x01\x02garbage\xff")
    assert window.open_files([binary, tmp_path]) == []
    messages = [c[2] for c in dialogs.asked("error")]
    assert len(messages) == 2 and "binary" in messages[0] and "folder" in messages[1]


def test_closing_with_unsaved_changes_asks(window, tmp_path, dialogs):
    tab = window.new_tab()
    tab.editor.insertPlainText("draft")
    dialogs.save_answer = CANCEL
    assert not window.close_tab(tab) and window.tabs.count() == 1
    dialogs.save_answer = SAVE
    dialogs.save_name = str(tmp_path / "draft.wiki")
    assert window.close_tab(tab) and window.tabs.count() == 0
    assert (tmp_path / "draft.wiki").read_text(encoding="utf-8") == "draft"
    tab = window.new_tab()
    tab.editor.insertPlainText("throwaway")
    dialogs.save_answer = DISCARD
    assert window.close_tab(tab)


def test_recovery_copy_is_written_and_offered_after_a_crash(make_window, tmp_path, dialogs, qtbot):
    window = make_window()
    path = tmp_path / "article.wiki"
    path.write_text("saved text\n", encoding="utf-8")
    (tab,) = window.open_files([path])
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("unsaved 𨭎")
    window.write_recovery()
    window.recovery.flush()
    (entry,) = window.recovery_store.entries()
    assert entry.text == "saved text\nunsaved 𨭎" and entry.path == str(path)
    assert window.save()
    window.recovery.flush()
    assert window.recovery_store.entries() == []

    # a crash: another process wrote a copy and died without removing it
    code = (
        "import os; from viewer.recovery import RecoveryStore;"
        f"RecoveryStore({str(tmp_path / 'recovery')!r}).write('dead-1', 'saved text\\nlost edit', path={str(path)!r}, title='article.wiki');"
        "os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    window.close_tab(tab)
    restored = window.offer_recovery()
    assert dialogs.asked("offer_recovery") == [("offer_recovery", ["dead-1"])]
    (tab,) = restored
    assert tab.text() == "saved text\nlost edit" and tab.is_modified() and tab.path == path
    window.recovery.flush()
    keys = [e.key for e in window.recovery_store.entries()]
    assert "dead-1" not in keys and tab.recovery_key in keys  # kept safe again under this run's key
    assert window.offer_recovery() == []  # offered once


def test_change_on_disk_asks_reload_or_keep(window, tmp_path, dialogs, qtbot):
    path = tmp_path / "watched.wiki"
    path.write_text("one\n", encoding="utf-8")
    (tab,) = window.open_files([path])
    dialogs.reload_answer = RELOAD
    path.write_text("two\n", encoding="utf-8")
    qtbot.waitUntil(lambda: tab.text() == "two\n", timeout=5000)
    assert dialogs.asked("ask_reload")[0][2] is False and not tab.is_modified()
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("mine")
    dialogs.reload_answer = "keep"
    path.write_text("three\n", encoding="utf-8")
    qtbot.waitUntil(lambda: len(dialogs.asked("ask_reload")) == 2, timeout=5000)
    assert tab.text() == "two\nmine" and tab.is_modified()
    # our own save is not an outside change
    assert window.save()
    qtbot.wait(300)
    assert len(dialogs.asked("ask_reload")) == 2


def test_tabs_recent_files_and_drop(window, tmp_path, settings):
    a, b = tmp_path / "a.wiki", tmp_path / "b.wiki"
    a.write_text("A", encoding="utf-8")
    b.write_text("B", encoding="utf-8")
    window.open_files([a])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(b))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert [t.title() for t in window.all_tabs()] == ["a.wiki", "b.wiki"]
    assert window.current_tab().text() == "B"
    assert settings.get("recent_files")[:2] == [str(b), str(a)]
    assert [act.text() for act in window.menus["recent"].actions()][:2] == [str(b), str(a)]
    window.open_files([a])  # already open: brought to the front, not opened twice
    assert window.tabs.count() == 2 and window.current_tab().title() == "a.wiki"


def test_docks_hide_and_restore(make_window, settings, qtbot):
    window = make_window()
    outline = window.panels[0]
    assert outline.isVisible()
    outline.toggleViewAction().trigger()
    assert not outline.isVisible()
    window.close()
    second = make_window()
    assert not second.panels[0].isVisible()  # the layout is remembered
    second.panels[0].toggleViewAction().trigger()
    assert second.panels[0].isVisible()


def test_theme_setting_switches_palette(window, settings, qapp):
    window.actions["theme_dark"].trigger()
    assert settings.get("theme") == "dark"
    assert qapp.palette().base().color().lightness() < 100
    window.actions["theme_light"].trigger()
    assert qapp.palette().base().color().lightness() > 200
