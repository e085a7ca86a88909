"""Settings are typed and injected; the screenshot command writes a real picture; About names versions."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from viewer.ui.settings import Settings


def test_settings_are_typed_and_signal_once(tmp_path, qtbot):
    settings = Settings(tmp_path / "s.ini")
    assert settings.get("theme") == "system" and settings.get("soft_wrap") is True
    with qtbot.waitSignal(settings.settings_changed) as blocker:
        settings.set("font_size", 14)
    assert blocker.args == ["font_size"]
    assert Settings(tmp_path / "s.ini").get("font_size") == 14  # stored
    with pytest.raises(TypeError):
        settings.set("font_size", "big")
    with pytest.raises(KeyError):
        settings.get("no_such_key")
    with pytest.raises(ValueError):
        settings.set("theme", "purple")
    settings.remember_variant("/a.wiki", "zh-tw")
    assert settings.variant_for("/a.wiki") == "zh-tw"


def test_screenshot_writes_a_png_of_the_window(tmp_path, qapp):
    from viewer.ui.app import screenshot

    out = tmp_path / "shot.png"
    assert screenshot(None, str(out), size=(1200, 800), variant=None) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    # not blank: many distinct colours across the picture (text, highlighting, preview)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 800, 7)}
    assert len(colours) > 50
    # the preview half is not empty either
    right = {image.pixel(x, y) for x in range(700, 1200, 5) for y in range(100, 700, 5)}
    assert len(right) > 10


def _mean_lightness(image: QImage, x0: int, x1: int) -> float:
    values = [image.pixelColor(x, y).lightness() for x in range(x0, x1, 9) for y in range(60, image.height() - 60, 9)]
    return sum(values) / len(values)


def test_screenshot_in_the_dark_theme_is_dark_in_the_editor_and_the_preview(tmp_path, qapp):
    from viewer.cli import main

    out = tmp_path / "dark.png"
    assert main(["screenshot", "-o", str(out), "--size", "1200x800", "--theme", "dark"]) == 0
    image = QImage(str(out))
    # the editor (left of centre) and the preview (right) both on dark backgrounds
    assert _mean_lightness(image, 300, 600) < 90
    assert _mean_lightness(image, 800, 1180) < 90


def test_about_names_versions_and_licences(qapp):
    from viewer.ui.about import about_html

    text = about_html()
    assert "WikiView" in text and "GPL-3.0-or-later" in text and "mwparserfromhell" in text and "CC BY-SA 4.0" in text


def test_a_files_own_variant_wins_over_the_default_even_as_written(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    assert settings.initial_variant("/a.wiki") is None and settings.initial_variant(None) is None
    settings.set("default_variant", "zh-hk")
    assert settings.initial_variant("/a.wiki") == "zh-hk" and settings.initial_variant(None) == "zh-hk"
    settings.remember_variant("/a.wiki", None)  # "as written", chosen for this file
    assert settings.initial_variant("/a.wiki") is None and settings.variant_for("/a.wiki") is None
    settings.remember_variant("/b.wiki", "zh-cn")
    assert settings.initial_variant("/b.wiki") == "zh-cn"
    settings.set("default_variant", "")
    settings.remember_variant("/a.wiki", None)  # no default: nothing to remember
    assert "/a.wiki" not in settings.get("variants")
