"""The window's actions as one table: name, text, shortcut, menu. Handlers are connected by name.

The window builds menus from this table and connects ``action.triggered`` to the handler the
table names, so adding a command is one row here and one method where it belongs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

__all__ = ["ACTIONS", "ActionSpec", "build_actions"]

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    menu: str  # "File", "Edit", "View", "Help"; "" for no menu
    shortcut: str | QKeySequence.StandardKey | tuple = ""
    checkable: bool = False
    separator_before: bool = False
    fallback: str = ""  # the shortcut where the platform has no standard one for ``shortcut``
    role: QAction.MenuRole = QAction.MenuRole.TextHeuristicRole  # where macOS puts it


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New", "File", Std.New),
    ActionSpec("open", "&Open…", "File", Std.Open),
    ActionSpec("open_with_encoding", "Open &With Encoding…", "File"),
    ActionSpec("recent", "Open &Recent", "File"),
    ActionSpec("save", "&Save", "File", Std.Save, separator_before=True),
    ActionSpec("save_as", "Save &As…", "File", Std.SaveAs),
    ActionSpec("reload", "Re&load from Disk", "File", "Ctrl+Shift+F5"),
    ActionSpec("close", "&Close", "File", Std.Close, separator_before=True),
    ActionSpec("quit", "&Quit", "File", Std.Quit),
    ActionSpec("undo", "&Undo", "Edit", Std.Undo),
    ActionSpec("redo", "&Redo", "Edit", Std.Redo),
    ActionSpec("cut", "Cu&t", "Edit", Std.Cut, separator_before=True),
    ActionSpec("copy", "&Copy", "Edit", Std.Copy),
    ActionSpec("paste", "&Paste", "Edit", Std.Paste),
    ActionSpec("select_all", "Select &All", "Edit", Std.SelectAll),
    ActionSpec("find", "&Find…", "Edit", Std.Find, separator_before=True),
    ActionSpec("replace", "&Replace…", "Edit", ("Ctrl+H",)),
    ActionSpec("find_next", "Find &Next", "Edit", Std.FindNext),
    ActionSpec("find_previous", "Find Pre&vious", "Edit", Std.FindPrevious),
    ActionSpec("go_to_line", "&Go to Line…", "Edit", "Ctrl+G", separator_before=True),
    ActionSpec("matching", "Jump to &Matching Bracket", "Edit", "Ctrl+6"),
    ActionSpec("select_matching", "Select to Matching Bracket", "Edit", "Ctrl+Shift+6"),
    ActionSpec("comment", "Toggle &Comment", "Edit", "Ctrl+/"),
    ActionSpec("auto_close", "Auto-close &Brackets", "Edit", checkable=True, separator_before=True),
    # Linux desktops define no standard key for it; Ctrl+, is the one most editors use there
    ActionSpec("preferences", "Pre&ferences…", "Edit", Std.Preferences, separator_before=True, fallback="Ctrl+,",
               role=QAction.MenuRole.PreferencesRole),
    ActionSpec("soft_wrap", "Soft &Wrap", "View", "Alt+Z", checkable=True),
    ActionSpec("line_numbers", "&Line Numbers", "View", checkable=True),
    ActionSpec("font", "Editor &Font…", "View", separator_before=True),
    ActionSpec("zoom_in", "Zoom &In", "View", Std.ZoomIn),
    ActionSpec("zoom_out", "Zoom &Out", "View", Std.ZoomOut),
    ActionSpec("zoom_reset", "&Reset Zoom", "View", "Ctrl+0"),
    ActionSpec("templates_dir", "&Template Folder…", "View", separator_before=True),
    ActionSpec("theme_light", "&Light Theme", "View", checkable=True, separator_before=True),
    ActionSpec("theme_dark", "&Dark Theme", "View", checkable=True),
    ActionSpec("theme_system", "Follow the &System", "View", checkable=True),
    ActionSpec("about", "&About WikiView", "Help", role=QAction.MenuRole.AboutRole),
)


def build_actions(window: QWidget, menubar: QMenuBar) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for spec in ACTIONS:
        menu = menus.get(spec.menu)
        if menu is None and spec.menu:
            menu = menus[spec.menu] = menubar.addMenu("&" + spec.menu)
        if spec.name == "recent":
            menus["recent"] = menu.addMenu(spec.text)
            continue
        action = QAction(spec.text, window, checkable=spec.checkable)
        action.setMenuRole(spec.role)
        if isinstance(spec.shortcut, QKeySequence.StandardKey):
            action.setShortcuts(spec.shortcut)
            if not action.shortcuts() and spec.fallback:
                action.setShortcut(QKeySequence(spec.fallback))
        elif isinstance(spec.shortcut, tuple):
            action.setShortcuts([QKeySequence(s) for s in spec.shortcut])
        elif spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        if menu is not None:
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(action)
        window.addAction(action)
        actions[spec.name] = action
    return actions, menus
