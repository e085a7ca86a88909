"""Every question the window asks the user, in one object the window is given.

The window never builds a QMessageBox or a QFileDialog itself: it asks ``Dialogs``. Tests pass
a scripted stand-in with the same methods, so no modal dialog ever blocks a headless run.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QGridLayout, QInputDialog, QLabel, QMessageBox, QWidget

from viewer.document import ENCODINGS, TextFormat

__all__ = ["Dialogs", "SAVE", "DISCARD", "CANCEL", "RELOAD", "KEEP", "encoding_choices", "NEWLINES", "BOM_ENCODINGS"]

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RELOAD, KEEP = "reload", "keep"
FILE_FILTER = "Wikitext (*.wiki *.wikitext *.mediawiki *.txt);;All files (*)"
NEWLINES = (("\n", "LF (Unix, macOS)"), ("\r\n", "CRLF (Windows)"), ("\r", "CR (classic Mac)"))
BOM_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")  # the encodings that have a byte order mark
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "gb18030": "GB18030 (Simplified Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "big5hkscs": "Big5-HKSCS (Hong Kong)",
    "shift_jis": "Shift JIS (Japanese)",
    "cp1252": "Windows-1252 (Western)",
}


def encoding_choices() -> list[tuple[str, str]]:
    """(codec name, label) of the encodings the core reads and writes (``document.ENCODINGS``)."""
    return [(name, _ENCODING_NAMES.get(name, name.upper())) for name in ENCODINGS]


def _extend_file_dialog(dialog: QFileDialog, rows: list[tuple[str, QWidget]]) -> None:
    """Add labelled rows under Qt's own (non-native) file dialog, as KDE's dialogs show an encoding."""
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        for label, widget in rows:
            row = layout.rowCount()
            layout.addWidget(QLabel(label), row, 0)
            layout.addWidget(widget, row, 1, 1, max(1, layout.columnCount() - 1))


class Dialogs:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def open_file_names(self, directory: str) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(self.parent, "Open", directory, FILE_FILTER)
        return files

    def open_with_encoding(self, directory: str) -> tuple[list[str], str | None] | None:
        """Files and the encoding to read them in (None: detect), from a file dialog with an encoding box."""
        dialog = QFileDialog(self.parent, "Open With Encoding", directory, FILE_FILTER)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # a native dialog takes no extra box
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        encoding = QComboBox(objectName="encoding")
        encoding.addItem("Detect automatically", None)
        for name, label in encoding_choices():
            # UTF-8 read as utf-8-sig: a BOM, if there is one, is recognised and kept for saving
            encoding.addItem(label, "utf-8-sig" if name == "utf-8" else name)
        _extend_file_dialog(dialog, [("Encoding:", encoding)])
        if not dialog.exec():
            return None
        return dialog.selectedFiles(), encoding.currentData()

    def save_file_name(self, suggested: str, fmt: TextFormat | None = None) -> tuple[str, TextFormat] | None:
        """Where and how to save: a file dialog with encoding, newline and BOM boxes."""
        fmt = fmt or TextFormat()
        dialog = QFileDialog(self.parent, "Save As", suggested, FILE_FILTER)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(suggested)
        encoding, newline = QComboBox(objectName="encoding"), QComboBox(objectName="newline")
        for name, label in encoding_choices():
            encoding.addItem(label, name)
        encoding.setCurrentIndex(max(0, encoding.findData(fmt.encoding)))
        for value, label in NEWLINES:
            newline.addItem(label, value)
        newline.setCurrentIndex(max(0, newline.findData(fmt.newline)))
        bom = QCheckBox("Write a byte order mark (BOM)", checked=fmt.bom, objectName="bom")

        def bom_allowed(_index: int = 0) -> None:
            bom.setEnabled(encoding.currentData() in BOM_ENCODINGS)

        encoding.currentIndexChanged.connect(bom_allowed)
        bom_allowed()
        _extend_file_dialog(dialog, [("Encoding:", encoding), ("Newlines:", newline), ("", bom)])
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        chosen = TextFormat(encoding=encoding.currentData(), bom=bom.isChecked() and bom.isEnabled(), newline=newline.currentData())
        return dialog.selectedFiles()[0], chosen

    def preferences(self, settings, *, variants=None) -> None:
        from viewer.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(settings, variants=variants, choose_folder=self.choose_folder, parent=self.parent)
        dialog.exec()
        dialog.deleteLater()

    def ask_save(self, title: str) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes", f"Save the changes to “{title}” before closing?", parent=self.parent)
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def ask_reload(self, title: str, modified: bool) -> str:
        text = f"“{title}” was changed on disk by another program."
        detail = (
            "Reload it and lose your unsaved changes, or keep your version (saving will overwrite the file)?"
            if modified
            else "Reload it, or keep the text shown here (saving will overwrite the file)?"
        )
        box = QMessageBox(QMessageBox.Icon.Warning, "File changed on disk", text, parent=self.parent)
        box.setInformativeText(detail)
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep mine", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return RELOAD if box.clickedButton() is reload_button else KEEP

    def offer_recovery(self, entries: list) -> list:
        """The recovery copies the user wants back (all or none)."""
        names = "\n".join(f"• {e.path or e.title}" for e in entries)
        answer = QMessageBox.question(
            self.parent,
            "Recover unsaved work",
            f"WikiView did not close normally. Unsaved text was kept for:\n{names}\n\nOpen it again?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return list(entries) if answer == QMessageBox.StandardButton.Yes else []

    def confirm_open_url(self, url: QUrl) -> bool:
        answer = QMessageBox.question(
            self.parent, "Open link", f"Open this address in your web browser?\n\n{url.toString()}",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open

    def choose_font(self, family: str, size: int) -> tuple[str, int] | None:
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QFontDialog

        ok, font = QFontDialog.getFont(QFont(family, size), self.parent, "Editor Font", QFontDialog.FontDialogOption.MonospacedFonts)
        return (font.family(), max(4, font.pointSize())) if ok else None

    def choose_folder(self, title: str, start: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self.parent, title, start)
        return folder or None

    def go_to_line(self, current: int, maximum: int) -> int | None:
        line, ok = QInputDialog.getInt(self.parent, "Go to Line", f"Line (1–{maximum}):", current, 1, maximum)
        return line if ok else None
