"""Edit › Preferences…: every setting in one dialog, applied live, in step with the menus, Cancel and Restore Defaults."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox

from viewer.ui.document_tab import variant_choices
from viewer.ui.preferences import PREFERENCE_KEYS, PreferencesDialog
from viewer.ui.settings import DEFAULTS, Settings


def test_every_preference_of_the_menus_is_in_the_dialog():
    menu_settings = {"soft_wrap", "line_numbers", "auto_close_brackets", "font_family", "font_size", "theme", "templates_dir"}
    assert menu_settings <= set(PREFERENCE_KEYS)
    # everything in DEFAULTS but the zoom steps (a view state, reset with Ctrl+0) has a field
    assert set(DEFAULTS) - set(PREFERENCE_KEYS) == {"zoom"}


def test_the_action_has_a_shortcut_and_opens_the_dialog(window, dialogs):
    action = window.actions["preferences"]
    assert action in window.menus["Edit"].actions()
    assert action.shortcuts()  # the platform's, or Ctrl+, where it has none
    action.trigger()
    assert dialogs.asked("preferences")


def test_changes_apply_live_persist_and_the_menus_follow(window, settings, tmp_path, qtbot, qapp):
    tab = window.new_tab()
    dialog = PreferencesDialog(settings, variants=variant_choices())
    qtbot.addWidget(dialog)
    fields = dialog.fields
    assert fields["soft_wrap"].isChecked() == settings.get("soft_wrap")
    fields["soft_wrap"].setChecked(False)
    assert not tab.editor.soft_wrap() and not window.actions["soft_wrap"].isChecked()
    fields["line_numbers"].setChecked(False)
    assert tab.editor.line_number_width() == 0 and not window.actions["line_numbers"].isChecked()
    fields["auto_close_brackets"].setChecked(False)
    assert not tab.editor.auto_close
    fields["font_size"].setValue(17)
    assert tab.editor.font().pointSizeF() == 17
    fields["theme"].setCurrentIndex(fields["theme"].findData("dark"))
    assert window.actions["theme_dark"].isChecked()
    assert qapp.palette().color(QPalette.ColorRole.Base).lightness() < 128
    fields["render_time_limit_s"].setValue(45)
    assert tab.snapshot().time_limit_s == 45
    fields["sync_scroll"].setChecked(False)
    assert not tab.sync_button.isChecked()
    tab.sync_button.setChecked(True)  # and the preview's button changes the setting
    assert settings.get("sync_scroll") and fields["sync_scroll"].isChecked()
    # a menu changes a setting while the dialog is open: the dialog shows it
    window.actions["soft_wrap"].trigger()
    assert fields["soft_wrap"].isChecked() and tab.editor.soft_wrap()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    again = Settings(tmp_path / "settings.ini")  # persisted
    assert again.get("font_size") == 17 and again.get("theme") == "dark" and again.get("line_numbers") is False
    settings.set("theme", "light")


def test_cancel_puts_back_what_was_there(window, settings, qtbot):
    settings.set("font_size", 13)
    tab = window.new_tab()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.fields["font_size"].setValue(20)
    dialog.fields["line_numbers"].setChecked(False)
    dialog.fields["templates_dir"].setText("/somewhere")
    dialog.fields["templates_dir"].editingFinished.emit()
    assert settings.get("templates_dir") == "/somewhere"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert settings.get("font_size") == 13 and settings.get("line_numbers") and settings.get("templates_dir") == ""
    assert tab.editor.font().pointSizeF() == 13 and tab.editor.line_number_width() > 0


def test_restore_defaults(window, settings, qtbot):
    settings.set("font_size", 19)
    settings.set("soft_wrap", False)
    settings.set("render_max_chars", 50_000)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.fields["render_max_chars"].value() == 50_000
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    for key in PREFERENCE_KEYS:
        assert settings.get(key) == DEFAULTS[key], key
    assert dialog.fields["font_size"].value() == DEFAULTS["font_size"] and dialog.fields["soft_wrap"].isChecked()
    # and Cancel after Restore Defaults puts back the values from before the dialog
    dialog.reject()
    assert settings.get("font_size") == 19 and settings.get("render_max_chars") == 50_000


def test_the_template_folder_is_browsed_or_typed(settings, dialogs, qtbot, tmp_path):
    dialog = PreferencesDialog(settings, choose_folder=dialogs.choose_folder)
    qtbot.addWidget(dialog)
    dialogs.folder = str(tmp_path)
    dialog._browse()
    assert settings.get("templates_dir") == str(tmp_path) and dialog.fields["templates_dir"].text() == str(tmp_path)
    dialog.fields["templates_dir"].setText(str(tmp_path / "t"))  # typed, then OK without Enter
    dialog.accept()
    assert settings.get("templates_dir") == str(tmp_path / "t")


def test_the_default_variant_applies_to_files_without_a_choice_of_their_own(window, settings, tmp_path, qtbot):
    dialog = PreferencesDialog(settings, variants=variant_choices())
    qtbot.addWidget(dialog)
    box = dialog.fields["default_variant"]
    box.setCurrentIndex(box.findData("zh-tw"))
    assert settings.get("default_variant") == "zh-tw"
    a, b = tmp_path / "a.wiki", tmp_path / "b.wiki"
    a.write_text("甲", encoding="utf-8")
    b.write_text("乙", encoding="utf-8")
    (tab_a,) = window.open_files([a])
    assert tab_a.variant == "zh-tw" and tab_a.variant_box.currentData() == "zh-tw"
    tab_a.variant_box.setCurrentIndex(0)  # "As written", chosen for this file over the default
    window.close_tab(tab_a)
    (tab_a,) = window.open_files([a])
    assert tab_a.variant is None
    (tab_b,) = window.open_files([b])
    assert tab_b.variant == "zh-tw"
    assert window.new_tab().variant == "zh-tw"


def test_the_recovery_interval_is_shown_in_seconds(window, settings, qtbot):
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.fields["recovery_interval_ms"].value() == DEFAULTS["recovery_interval_ms"] // 1000
    dialog.fields["recovery_interval_ms"].setValue(30)
    assert settings.get("recovery_interval_ms") == 30_000 and window._recovery_timer.interval() == 30_000
    assert dialog.fields["font_family"].currentFont().family() == settings.get("font_family")
