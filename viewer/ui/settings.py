"""User settings: one typed table of defaults, stored with QSettings, one change signal.

Preferences (``DEFAULTS``) and remembered state (``CACHE``: geometry, recent files, the variant
chosen per file) are kept apart, as ReText does. The object is created once by the application
and passed to whoever needs it; nothing imports a global instance.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

__all__ = ["DEFAULTS", "CACHE", "RENDER_SETTINGS", "Settings"]

# key -> default; the default's type is the key's type
DEFAULTS: dict[str, Any] = {
    "theme": "system",  # light, dark or system
    "font_family": "Noto Sans Mono CJK SC",
    "font_size": 11,
    "zoom": 0,  # steps added to font_size by Zoom in/out
    "soft_wrap": True,
    "line_numbers": True,
    "auto_close_brackets": True,
    "sync_scroll": True,
    "default_variant": "",  # the zh variant a file is shown in until one is chosen for it ("": as written)
    "preview_delay_ms": 60,  # the pause in typing before the preview follows
    "recovery_interval_ms": 2000,
    "templates_dir": "",  # a folder of Name.wiki template pages, used before the built-in renderers
    # MediaWiki-like limits of one render (RenderLimits): hostile or runaway text stops with a message
    "render_time_limit_s": 20,
    "render_max_chars": 2_000_000,
}
RENDER_SETTINGS = ("templates_dir", "render_time_limit_s", "render_max_chars")
THEMES = ("light", "dark", "system")

CACHE: dict[str, Any] = {
    "geometry": b"",
    "window_state": b"",
    "recent_files": [],
    "variants": {},  # file path -> zh variant chosen in the preview's toolbar
    "last_dir": "",
}
MAX_RECENT = 10


class Settings(QObject):
    """``settings.get("theme")``, ``settings.set("theme", "dark")`` -> ``settings_changed("theme")``."""

    settings_changed = Signal(str)

    def __init__(self, path: str | Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # a file path (tests, portable use) or the platform's user settings
        self._store = QSettings(str(path), QSettings.Format.IniFormat) if path else QSettings("WikiView", "WikiView")

    def _table(self, key: str) -> dict[str, Any]:
        if key in DEFAULTS:
            return DEFAULTS
        if key in CACHE:
            return CACHE
        raise KeyError(f"unknown setting {key!r}")

    def get(self, key: str) -> Any:
        default = self._table(key)[key]
        raw = self._store.value(key)
        if raw is None:
            return default
        try:
            if isinstance(default, bool):
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            if isinstance(default, int):
                return int(raw)
            if isinstance(default, bytes):
                return bytes(raw) if not isinstance(raw, str) else default
            if isinstance(default, (list, dict)):
                value = json.loads(raw) if isinstance(raw, str) else raw
                return value if isinstance(value, type(default)) else default
            return str(raw)
        except (TypeError, ValueError):
            return default  # a hand-edited or stale value never breaks start-up

    def set(self, key: str, value: Any) -> None:
        default = self._table(key)[key]
        if not isinstance(value, type(default)) or (isinstance(default, int) and isinstance(value, bool) != isinstance(default, bool)):
            raise TypeError(f"setting {key!r} takes {type(default).__name__}, not {type(value).__name__}")
        if key == "theme" and value not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}")
        if self.get(key) == value:
            return
        if value == default:
            self._store.remove(key)
        else:
            self._store.setValue(key, json.dumps(value) if isinstance(value, (list, dict)) else value)
        if key in DEFAULTS:
            self.settings_changed.emit(key)

    def sync(self) -> None:
        self._store.sync()

    # remembered state with a little logic of its own

    def add_recent(self, path: str) -> list[str]:
        files = [path] + [p for p in self.get("recent_files") if p != path]
        files = files[:MAX_RECENT]
        self.set("recent_files", files)
        return files

    def variant_for(self, path: str | None) -> str | None:
        return (self.get("variants").get(path) if path else None) or None

    def initial_variant(self, path: str | None) -> str | None:
        """The variant a file opens in: the one chosen for it, else the default."""
        chosen = self.get("variants").get(path) if path else None
        return (chosen if chosen is not None else self.get("default_variant")) or None

    def remember_variant(self, path: str | None, variant: str | None) -> None:
        if not path:
            return
        variants = dict(self.get("variants"))
        if variant or self.get("default_variant"):
            variants[path] = variant or ""  # "" = as written, chosen over the default
        else:
            variants.pop(path, None)
        self.set("variants", variants)
