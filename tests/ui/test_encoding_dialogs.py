"""Open With Encoding and Save As with encoding, newlines and BOM; an unencodable text writes nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFileDialog

from viewer.document import TextFormat
from viewer.ui.dialogs import Dialogs, encoding_choices


def test_open_with_encoding_reads_in_the_chosen_encoding(window, dialogs, tmp_path):
    path = tmp_path / "latin.wiki"
    path.write_bytes("café\n".encode("utf-8"))
    dialogs.open_names, dialogs.open_encoding = [str(path)], "cp1252"
    window.actions["open_with_encoding"].trigger()
    tab = window.current_tab()
    assert tab.text() == "cafÃ©\n" and window.status.encoding.text() == "CP1252"
    # the open file, read again in another encoding (it has no unsaved changes)
    dialogs.open_encoding = "utf-8-sig"
    window.open_with_encoding()
    assert window.tabs.count() == 1 and tab.text() == "café\n" and window.status.encoding.text() == "UTF-8"


def test_open_with_encoding_keeps_unsaved_changes_and_reports_undecodable_files(window, dialogs, tmp_path):
    path = tmp_path / "gb.wiki"
    path.write_bytes("中文\n".encode("gb18030"))
    (tab,) = window.open_files([path])
    tab.editor.insertPlainText("mine ")
    assert window.open_files([path], "big5") == [tab]
    assert tab.text().startswith("mine ") and "unsaved changes" in dialogs.asked("error")[-1][2]
    other = tmp_path / "other.wiki"
    other.write_bytes("中文\n".encode("gb18030"))
    assert window.open_files([other], "utf-8-sig") == []
    assert "not valid UTF-8" in dialogs.asked("error")[-1][2]


def test_save_as_in_another_encoding_newline_and_bom(window, dialogs, tmp_path):
    tab = window.new_tab()
    tab.editor.insertPlainText("== 標題 ==\n正文\n")
    dialogs.save_name = str(tmp_path / "u16.wiki")
    dialogs.save_format = TextFormat(encoding="utf-16-le", bom=True, newline="\r\n")
    assert window.save_as()
    assert (tmp_path / "u16.wiki").read_bytes() == b"\xff\xfe" + "== 標題 ==\r\n正文\r\n".encode("utf-16-le")
    assert window.status.encoding.text() == "UTF-16-LE BOM" and window.status.newline.text() == "CRLF"
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("再")
    assert window.save()  # plain Save keeps the chosen format
    assert (tmp_path / "u16.wiki").read_bytes().endswith("\r\n再".encode("utf-16-le"))


def test_a_text_the_encoding_cannot_hold_writes_nothing_and_says_why(window, dialogs, tmp_path):
    path = tmp_path / "old.wiki"
    path.write_bytes("中文\n".encode("big5"))
    (tab,) = window.open_files([path], "big5")
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("𨭎")  # not in Big5
    dialogs.save_name = str(tmp_path / "new.wiki")
    dialogs.save_format = TextFormat(encoding="big5", newline="\n")
    assert not window.save_as()
    message = dialogs.asked("error")[-1][2]
    assert "U+28B4E" in message and "BIG5" in message
    assert not (tmp_path / "new.wiki").exists() and tab.path == path and tab.is_modified()
    assert not window.save()  # nor over the original
    assert path.read_bytes() == "中文\n".encode("big5") and tab.text() == "中文\n𨭎"


def _answer_file_dialog(answer) -> None:
    """Once the modal file dialog is up, let ``answer(dialog)`` fill it in."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            answer(dialog)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def test_the_real_save_dialog_offers_encoding_newlines_and_bom(qtbot, tmp_path):
    target = tmp_path / "x.wiki"
    seen = {}

    def answer(dialog: QFileDialog) -> None:
        encoding = dialog.findChild(QComboBox, "encoding")
        newline = dialog.findChild(QComboBox, "newline")
        bom = dialog.findChild(QCheckBox, "bom")
        seen["start"] = (encoding.currentData(), newline.currentData(), bom.isChecked())
        encoding.setCurrentIndex(encoding.findData("gb18030"))
        seen["bom_for_gb18030"] = bom.isEnabled()
        encoding.setCurrentIndex(encoding.findData("utf-8"))
        bom.setChecked(True)
        newline.setCurrentIndex(newline.findData("\r"))
        dialog.grab().save(str(tmp_path / "save_dialog.png"))
        dialog.selectFile(str(target))
        dialog.accept()

    _answer_file_dialog(answer)
    chosen = Dialogs().save_file_name(str(tmp_path / "a.wiki"), TextFormat(encoding="big5", newline="\r\n"))
    assert seen["start"] == ("big5", "\r\n", False) and seen["bom_for_gb18030"] is False
    assert chosen == (str(target), TextFormat(encoding="utf-8", bom=True, newline="\r"))
    assert len(encoding_choices()) >= 5


def test_the_real_open_dialog_offers_an_encoding(qtbot, tmp_path):
    path = tmp_path / "a.wiki"
    path.write_text("x", encoding="utf-8")

    def answer(dialog: QFileDialog) -> None:
        encoding = dialog.findChild(QComboBox, "encoding")
        assert encoding.currentData() is None  # detect, unless told
        encoding.setCurrentIndex(encoding.findData("gb18030"))
        dialog.selectFile(str(path))
        dialog.accept()

    _answer_file_dialog(answer)
    assert Dialogs().open_with_encoding(str(tmp_path)) == ([str(path)], "gb18030")


def test_the_status_bar_reopens_saves_in_an_encoding_and_sets_newlines(window, dialogs, tmp_path):
    path = tmp_path / "a.wiki"
    path.write_bytes("中文\n".encode("utf-8"))
    (tab,) = window.open_files([path])

    def choose(menu, text):  # the first entry of that name: "Reopen with Encoding" comes first
        [a for a in menu.actions() if a.text() == text][0].trigger()

    status = window.status
    assert status.encoding.text() == "UTF-8" and status.encoding.isEnabled()
    choose(status.encoding_menu, "Windows-1252 (Western)")
    assert window.tabs.count() == 1 and tab.text() == "中文\n".encode().decode("cp1252") and status.encoding.text() == "CP1252"
    choose(status.encoding_menu, "UTF-8")
    assert tab.text() == "中文\n" and not tab.is_modified()
    save_entries = [a for a in status.encoding_menu.actions() if a.text() == "GB18030 (Simplified Chinese)"]
    save_entries[-1].trigger()  # under "Save with Encoding"
    assert path.read_bytes() == "中文\n".encode("gb18030") and status.encoding.text() == "GB18030"
    choose(status.newline_menu, "CRLF (Windows)")
    assert tab.is_modified() and status.newline.text() == "CRLF"
    assert window.save() and path.read_bytes() == "中文\r\n".encode("gb18030")
    [a for a in status.encoding_menu.actions() if a.text() == "UTF-8 with BOM"][0].trigger()
    assert path.read_bytes() == "\ufeff中文\r\n".encode("utf-8") and status.encoding.text() == "UTF-8 BOM"
