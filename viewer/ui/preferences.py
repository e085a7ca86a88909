"""Edit › Preferences…: every setting of ``settings.DEFAULTS`` the user chooses, in one dialog.

As in Kate and Qt Creator the dialog edits the settings themselves: a change applies at once
(the window and its tabs follow ``settings_changed``), the menus and the dialog stay in step because
both show the settings, Cancel puts back what was there when the dialog opened, and Restore Defaults
puts back ``DEFAULTS``. Which widget edits which key is one table (``_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.settings import DEFAULTS, Settings

__all__ = ["PreferencesDialog", "PREFERENCE_KEYS"]

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))

# key -> (group, label); the widget is chosen from the default's type unless built specially below
_FIELDS: dict[str, tuple[str, str]] = {
    "font_family": ("Editor", "Font:"),
    "font_size": ("Editor", "Font size:"),
    "soft_wrap": ("Editor", "Soft wrap long lines"),
    "line_numbers": ("Editor", "Show line numbers"),
    "auto_close_brackets": ("Editor", "Auto-close brackets"),
    "theme": ("Appearance", "Theme:"),
    "default_variant": ("Preview", "Variant of newly opened files:"),
    "sync_scroll": ("Preview", "Editor and preview scroll together"),
    "preview_delay_ms": ("Preview", "Update after a pause in typing of:"),
    "templates_dir": ("Rendering", "Template folder:"),
    "render_time_limit_s": ("Rendering", "Time limit of one render:"),
    "render_max_chars": ("Rendering", "Longest text rendered:"),
    "recovery_interval_ms": ("Files", "Keep a recovery copy of unsaved text every:"),
}
PREFERENCE_KEYS = tuple(key for key in _FIELDS if key in DEFAULTS)

# (minimum, maximum, suffix, step, scale) of the number fields: shown value * scale = setting
_RANGES: dict[str, tuple[int, int, str, int, int]] = {
    "font_size": (4, 72, " pt", 1, 1),
    "preview_delay_ms": (0, 2000, " ms", 20, 1),
    "render_time_limit_s": (1, 600, " s", 5, 1),
    "render_max_chars": (10_000, 4_000_000, " characters", 100_000, 1),  # the core's own limit is 4,000,000
    "recovery_interval_ms": (1, 600, " s", 1, 1000),
}


class PreferencesDialog(QDialog):
    """Edits ``settings`` live. ``choose_folder(title, start) -> str | None`` picks the template folder."""

    def __init__(
        self,
        settings: Settings,
        *,
        variants: list[tuple[str | None, str]] | None = None,
        choose_folder: Callable[[str, str], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self._choose_folder = choose_folder
        self._saved = {key: settings.get(key) for key in PREFERENCE_KEYS}  # what Cancel puts back
        self.fields: dict[str, QWidget] = {}
        self._variants = variants or [(None, "As written")]

        layout = QVBoxLayout(self)
        groups: dict[str, QFormLayout] = {}
        for key in PREFERENCE_KEYS:
            group, label = _FIELDS[key]
            form = groups.get(group)
            if form is None:
                box = QGroupBox(group)
                form = groups[group] = QFormLayout(box)
                layout.addWidget(box)
            widget, shown = self._build(key)
            self.fields[key] = widget
            if isinstance(widget, QCheckBox):
                widget.setText(label)
                form.addRow(shown)
            else:
                form.addRow(label, shown)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._refresh()
        settings.settings_changed.connect(self._setting_changed)

    # -- widgets -------------------------------------------------------------------------------------

    def _build(self, key: str) -> tuple[QWidget, QWidget]:
        """The widget that edits ``key`` and the widget placed in the form (a row for the folder)."""
        default = DEFAULTS[key]
        if key == "font_family":
            # every family: fontconfig does not mark CJK monospaced fonts (the default one) as such
            widget = QFontComboBox()
            widget.currentFontChanged.connect(lambda font: self._set(key, font.family()))
            return widget, widget
        if key in ("theme", "default_variant"):
            widget = QComboBox()
            choices = THEME_CHOICES if key == "theme" else [(code or "", label) for code, label in self._variants]
            for value, label in choices:
                widget.addItem(label, value)
            widget.currentIndexChanged.connect(lambda _i: self._set(key, widget.currentData()))
            return widget, widget
        if key == "templates_dir":
            widget = QLineEdit(placeholderText="None: only the built-in templates")
            widget.setClearButtonEnabled(True)
            widget.editingFinished.connect(lambda: self._set(key, widget.text().strip()))
            browse = QPushButton("Browse…")
            browse.clicked.connect(self._browse)
            row = QWidget()
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget, 1)
            box.addWidget(browse)
            return widget, row
        if isinstance(default, bool):
            widget = QCheckBox()
            widget.toggled.connect(lambda on: self._set(key, on))
            return widget, widget
        low, high, suffix, step, scale = _RANGES[key]
        widget = QSpinBox(minimum=low, maximum=high, suffix=suffix, singleStep=step)
        widget.setGroupSeparatorShown(True)
        widget.valueChanged.connect(lambda value: self._set(key, value * scale))
        return widget, widget

    def _show(self, key: str, value: Any) -> None:
        widget = self.fields[key]
        blocked = widget.blockSignals(True)  # showing a value is not changing it
        if isinstance(widget, QFontComboBox):
            widget.setCurrentFont(QFont(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value)
        else:
            widget.setValue(round(value / _RANGES[key][4]))
        widget.blockSignals(blocked)

    def _refresh(self) -> None:
        for key in PREFERENCE_KEYS:
            self._show(key, self.settings.get(key))

    def _setting_changed(self, key: str) -> None:
        if key in self.fields:  # changed here, from a menu, or by Cancel / Restore Defaults
            self._show(key, self.settings.get(key))

    # -- changes -------------------------------------------------------------------------------------

    def _set(self, key: str, value: Any) -> None:
        self.settings.set(key, value)

    def _browse(self) -> None:
        if self._choose_folder is None:
            return
        chosen = self._choose_folder("Template Folder", self.settings.get("templates_dir"))
        if chosen is not None:
            self._set("templates_dir", chosen)

    def restore_defaults(self) -> None:
        for key in PREFERENCE_KEYS:
            self._set(key, DEFAULTS[key])

    def reject(self) -> None:
        for key, value in self._saved.items():
            self._set(key, value)
        super().reject()

    def done(self, result: int) -> None:
        line_edit = self.fields["templates_dir"]
        if result == QDialog.DialogCode.Accepted and line_edit.text().strip() != self.settings.get("templates_dir"):
            self._set("templates_dir", line_edit.text().strip())  # typed but not yet confirmed with Enter
        try:
            self.settings.settings_changed.disconnect(self._setting_changed)
        except (RuntimeError, TypeError):  # already closed once
            pass
        super().done(result)
