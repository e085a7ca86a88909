"""Every question the window asks the user, in one object the window is given.

The window never builds a QMessageBox or a QFileDialog itself: it asks ``Dialogs``. Tests pass
a scripted stand-in with the same methods, so no modal dialog ever blocks a headless run.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

__all__ = ["Dialogs", "SAVE", "DISCARD", "CANCEL", "RELOAD", "KEEP"]

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RELOAD, KEEP = "reload", "keep"
FILE_FILTER = "Wikitext (*.wiki *.wikitext *.mediawiki *.txt);;All files (*)"


class Dialogs:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def open_file_names(self, directory: str) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(self.parent, "Open", directory, FILE_FILTER)
        return files

    def save_file_name(self, suggested: str) -> str | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "Save As", suggested, FILE_FILTER)
        return name or None

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
