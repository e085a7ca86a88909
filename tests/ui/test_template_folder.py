"""The template folder and the render limits are settings the preview follows."""

from __future__ import annotations

from tests.ui.gui_helpers import run_js, wait_preview


def test_a_chosen_template_folder_renders_its_templates(make_window, settings, dialogs, tmp_path, qtbot):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "Greeting.wiki").write_text("<span class=\"greet\">你好，{{{1|世界}}}</span>", encoding="utf-8")
    page = tmp_path / "a.wiki"
    page.write_text("前言 {{Greeting|维基}}\n", encoding="utf-8")
    window = make_window()
    (tab,) = window.open_files([page])
    wait_preview(qtbot, tab)
    view = tab.preview
    assert run_js(qtbot, view, "document.querySelectorAll('.wv-template-missing[data-template=\"Greeting\"]').length") == 1

    dialogs.folder = str(folder)
    window.choose_templates_dir()
    assert dialogs.asked("folder") and settings.get("templates_dir") == str(folder)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelector('span.greet') ? document.querySelector('span.greet').textContent : ''") == "你好，维基", timeout=10000)
    assert run_js(qtbot, view, "document.querySelectorAll('.wv-template-missing').length") == 0

    dialogs.folder = None  # cancelled: the folder stays
    window.choose_templates_dir()
    assert settings.get("templates_dir") == str(folder)


def test_render_limits_reach_the_worker(make_window, settings, tmp_path):
    settings.set("render_max_chars", 50_000)
    settings.set("render_time_limit_s", 5)
    page = tmp_path / "a.wiki"
    page.write_text("x\n", encoding="utf-8")
    (tab,) = make_window().open_files([page])
    options = tab.snapshot().options()
    assert options.limits.max_expanded_size == 50_000 and options.limits.time_limit_s == 5
    assert options.templates_dir is None
