"""The render scheduler and its jobs: the latest text wins, one job in flight, the preview
first and the panels second, patches against the body the preview shows, errors as data."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import viewer.ui.render_job as render_job
from tests.ui.fake_render import fake_panels, fake_preview
from viewer.ui.render_job import PanelResult, Snapshot, run_panels, run_preview
from viewer.ui.render_worker import RenderScheduler, SharedWorker


class Source:
    """An editor stand-in: its text, its revision, and the body its preview shows."""

    def __init__(self, doc="doc"):
        self.revision = 0
        self.text = ""
        self.doc = doc
        self.base = None

    def edit(self, text):
        self.revision += 1
        self.text = text

    def snapshot(self):
        return Snapshot(self.revision, self.text, doc=self.doc, base=self.base)

    def show(self, result):  # what the preview does with a result it applies
        self.base = result.token


@pytest.fixture
def executor():
    pool = ThreadPoolExecutor(max_workers=4)
    yield pool
    pool.shutdown()


def test_latest_text_wins_and_one_job_at_a_time(qtbot, executor):
    source = Source()
    gate = threading.Event()
    running = []
    done = []

    def job(snapshot):
        running.append(snapshot.revision)
        assert len(running) - len(done) <= 1  # never two at once
        gate.wait(5)
        done.append(snapshot.revision)
        return fake_preview(snapshot)

    def panels(snapshot):
        running.append(("panels", snapshot.revision))
        done.append(snapshot.revision)
        return fake_panels(snapshot)

    scheduler = RenderScheduler(source.snapshot, delay_ms=5, preview_job=job, panels_job=panels, executor=executor)
    previews, results = [], []
    scheduler.preview_ready.connect(previews.append)
    scheduler.finished.connect(results.append)
    source.edit("a")
    scheduler.text_changed(source.revision)
    qtbot.waitUntil(lambda: running == [1], timeout=3000)
    for text in ("ab", "abc", "abcd"):  # typed while the first job runs
        source.edit(text)
        scheduler.text_changed(source.revision)
    gate.set()
    qtbot.waitUntil(lambda: [r.revision for r in results] == [4], timeout=3000)
    # the intermediate texts were never analysed; revision 1's panels were skipped (out of date)
    assert running == [1, 4, ("panels", 4)]
    assert [p.revision for p in previews] == [4]
    scheduler.shutdown()


def test_the_preview_comes_first_then_the_panels_of_the_same_text(qtbot, executor):
    source = Source()
    order = []
    panels_gate = threading.Event()

    def panels(snapshot):
        panels_gate.wait(5)
        return fake_panels(snapshot)

    scheduler = RenderScheduler(source.snapshot, delay_ms=0, preview_job=fake_preview, panels_job=panels, executor=executor)
    scheduler.preview_ready.connect(lambda r: order.append(("preview", r.revision)))
    scheduler.finished.connect(lambda r: order.append(("panels", r.revision)))
    source.edit("== A ==\ntext")
    scheduler.text_changed(source.revision, 100)
    qtbot.waitUntil(lambda: order == [("preview", 1)], timeout=3000)  # while the panels still work
    assert scheduler.panels_in_flight == 1 and scheduler.in_flight is None
    panels_gate.set()
    qtbot.waitUntil(lambda: order == [("preview", 1), ("panels", 1)], timeout=3000)
    scheduler.shutdown()


def test_the_next_preview_does_not_wait_for_the_panels_and_only_current_panels_are_shown(qtbot, executor):
    source = Source()
    order = []
    gates = {1: threading.Event(), 2: threading.Event(), 3: threading.Event()}
    started = []

    def panels(snapshot):
        started.append(snapshot.revision)
        gates[snapshot.revision].wait(5)
        return fake_panels(snapshot)

    scheduler = RenderScheduler(source.snapshot, delay_ms=0, preview_job=fake_preview, panels_job=panels, executor=executor)
    scheduler.preview_ready.connect(lambda r: order.append(("preview", r.revision)))
    scheduler.finished.connect(lambda r: order.append(("panels", r.revision)))
    for revision in (1, 2, 3):  # typed while the panels of revision 1 run
        source.edit("text" * revision)
        scheduler.text_changed(source.revision, 100)
        qtbot.waitUntil(lambda: ("preview", revision) in order, timeout=3000)
    assert order == [("preview", 1), ("preview", 2), ("preview", 3)] and started == [1]
    gates[1].set()  # revision 1's panels are out of date: not shown; revision 2's are skipped
    gates[3].set()
    qtbot.waitUntil(lambda: ("panels", 3) in order, timeout=3000)
    assert order[3:] == [("panels", 3)] and started == [1, 3]
    scheduler.shutdown()


def test_a_dropped_result_leaves_the_preview_on_its_base_and_the_next_is_a_patch_against_it(qtbot, executor):
    source = Source("dropped")
    gate = threading.Event()
    seen = []

    def job(snapshot):
        seen.append(snapshot.base)
        if len(seen) == 2:
            gate.wait(5)
        return fake_preview(snapshot)

    scheduler = RenderScheduler(source.snapshot, delay_ms=0, preview_job=job, panels_job=fake_panels, executor=executor)
    previews = []
    scheduler.preview_ready.connect(previews.append)
    scheduler.preview_ready.connect(source.show)
    source.edit("one\n\ntwo")
    scheduler.text_changed(source.revision, 100)
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=3000)
    assert previews[0].body is not None and previews[0].base is None  # first: the whole body
    shown = previews[0].token
    qtbot.waitUntil(lambda: scheduler.in_flight is None, timeout=3000)
    source.edit("one\n\ntwo!")
    scheduler.text_changed(source.revision, 100)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    source.edit("one!\n\ntwo!")  # while revision 2 renders: its result will be out of date
    scheduler.text_changed(source.revision)
    gate.set()
    qtbot.waitUntil(lambda: len(previews) == 2, timeout=3000)
    latest = previews[1]
    assert latest.revision == 3 and seen == [None, shown, shown]
    assert latest.base == shown and latest.body is None  # a patch against what the preview shows
    # against revision 1 ("one", "two"): both blocks differ (against revision 2, only the first would)
    assert latest.patch.start == 0 and latest.patch.remove == 2 and "one!" in latest.patch.html and "two!" in latest.patch.html
    scheduler.shutdown()


def test_run_preview_patches_against_the_base_and_sends_the_whole_body_when_it_is_unknown():
    text = "== A ==\n\npara one\n\npara two"
    first = run_preview(Snapshot(1, text, doc="direct"))
    assert first.base is None and first.patch is None and first.body.blocks
    edited = text.replace("one", "one more")
    second = run_preview(Snapshot(2, edited, doc="direct", base=first.token))
    assert second.base == first.token and second.body is None
    assert "one more" in second.patch.html and "para two" not in second.patch.html
    assert second.patch.shift == len(" more") and second.length == len(edited)
    unchanged = run_preview(Snapshot(3, edited, doc="direct", base=second.token))
    assert unchanged.patch is None and unchanged.body is None  # nothing to do
    # a worker that does not know the base (restarted, or another document's token) sends it whole
    other = run_preview(Snapshot(4, edited, doc="direct", base="elsewhere.1"))
    assert other.base is None and other.body is not None and "one more" in other.body.html
    render_job.forget("direct")
    again = run_preview(Snapshot(5, edited, doc="direct", base=other.token))
    assert again.body is not None


def test_an_edited_template_file_shows_at_the_next_edit_even_in_an_unchanged_section(tmp_path):
    import os

    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "Greeting.wiki"
    template.write_text("<span class=\"greet\">hello</span>", encoding="utf-8")
    filler = "words " * 800  # sections long enough to be rendered and cached apart
    text = f"== A ==\n\n{{{{Greeting}}}}\n\n{filler}\n\n== B ==\n\n{filler}\n\npara\n\n== C ==\n\n{filler}"
    first = run_preview(Snapshot(1, text, doc="folder", templates_dir=str(folder)))
    assert ">hello</span>" in first.body.html
    template.write_text("<span class=\"greet\">goodbye</span>", encoding="utf-8")
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 10**9))
    edited = text.replace("para", "para two")  # typed in section B; section A's chunk is cached
    second = run_preview(Snapshot(2, edited, doc="folder", templates_dir=str(folder), base=first.token))
    assert ">goodbye</span>" in second.patch.html and ">hello</span>" not in second.patch.html
    render_job.forget("folder")


def test_the_worker_remembers_few_bodies_but_always_the_one_shown():
    shown = run_preview(Snapshot(1, "a", doc="few"))
    tokens = [run_preview(Snapshot(i, "a" * i, doc="few", base=shown.token)).token for i in range(2, 9)]
    kept = list(render_job._documents["few"].bodies)
    assert kept[0] == shown.token and len(kept) == render_job.MAX_BODIES and kept[-1] == tokens[-1]
    later = run_preview(Snapshot(9, "b", doc="few", base=tokens[-1]))
    assert list(render_job._documents["few"].bodies) == [tokens[-1], later.token]
    render_job.forget("few")


def test_panel_results_cross_packed_and_are_unpacked_a_slice_at_a_time(sample_text):
    from viewer.wikitext.analysis import inspect

    packed = run_panels(Snapshot(1, sample_text))
    assert packed.outline is None and packed.diagnostics == () and len(packed.packed) >= 2
    done = []
    steps = 0
    while (whole := packed.unpack_some(done, 0.0)) is None:  # one piece per slice at least
        steps += 1
    assert steps == len(packed.packed) - 1
    outline, diagnostics = inspect(sample_text)
    assert whole.outline == outline and whole.diagnostics == diagnostics and whole.packed == ()


def test_a_renderer_failure_is_data_and_the_outline_still_comes(monkeypatch):
    import viewer.wikitext.render.incremental as incremental

    class Broken:
        def render(self, text, options):
            raise RuntimeError("boom")

    monkeypatch.setattr(incremental, "IncrementalRenderer", Broken)
    snapshot = Snapshot(1, "== A ==\ntext", doc="broken")
    result = run_preview(snapshot)
    assert result.error == "The article could not be rendered: RuntimeError: boom"
    assert "RuntimeError" in result.details
    assert 'class="wv-error"' in result.body.html
    panels = run_panels(snapshot).unpack_some([], 1.0)
    assert panels.error is None and [s.title for s in panels.outline.sections] == ["A"]
    render_job.forget("broken")


def test_a_checks_failure_is_data_and_the_outline_still_comes(monkeypatch):
    import viewer.wikitext.analysis

    def broken(*args, **kwargs):
        raise ValueError("no checks")

    monkeypatch.setattr(viewer.wikitext.analysis, "inspect", broken)
    result = run_panels(Snapshot(1, "== A ==\ntext")).unpack_some([], 1.0)
    assert result.error == "The article could not be checked: ValueError: no checks"
    assert [s.title for s in result.outline.sections] == ["A"] and result.diagnostics == ()


def test_job_failure_in_the_executor_is_reported(qtbot, executor):
    source = Source()
    source.edit("x")

    def job(snapshot):
        raise ValueError("cannot")

    scheduler = RenderScheduler(source.snapshot, delay_ms=0, preview_job=job, executor=executor)
    with qtbot.waitSignal(scheduler.preview_ready, timeout=3000) as blocker:
        scheduler.text_changed(source.revision)
    assert "ValueError: cannot" in blocker.args[0].error
    assert blocker.args[0].render is None
    scheduler.shutdown()


def test_a_result_for_a_closed_tab_is_dropped_quietly(qtbot, executor, caplog):
    """The scheduler is deleted with its tab while a job runs: the job's end must not raise in
    the executor's thread ("Signal source has been deleted" was printed by every screenshot)."""
    from shiboken6 import Shiboken

    source = Source()
    source.edit("x")
    gate = threading.Event()

    def job(snapshot):
        gate.wait(5)
        return fake_preview(snapshot)

    scheduler = RenderScheduler(source.snapshot, delay_ms=0, preview_job=job, executor=executor)
    scheduler.text_changed(source.revision)
    qtbot.waitUntil(lambda: scheduler.in_flight == 1, timeout=3000)
    Shiboken.delete(scheduler)
    gate.set()
    executor.shutdown(wait=True)  # the job ended and its callbacks ran
    assert not [r for r in caplog.records if "exception calling callback" in r.getMessage()]


def test_the_worker_process_analyses_the_sample_in_two_stages(qtbot, sample_text):
    source = Source()
    source.edit(sample_text)
    scheduler = RenderScheduler(source.snapshot, delay_ms=0)
    results = []
    scheduler.preview_ready.connect(results.append)
    scheduler.finished.connect(results.append)
    scheduler.text_changed(source.revision, len(sample_text))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=60_000)
    preview, panels = results
    assert preview.revision == panels.revision == 1 and preview.error is None
    assert preview.body is not None and preview.render.html == ""  # the body travels once, in blocks
    assert isinstance(panels, PanelResult) and len(panels.outline.sections) == 19
    scheduler.shutdown()


def test_a_crashed_worker_is_restarted_and_sends_the_whole_body(qtbot):
    source = Source("crash")
    worker = SharedWorker()
    panels_worker = SharedWorker()
    scheduler = RenderScheduler(source.snapshot, delay_ms=0, workers=(worker, panels_worker))
    previews = []
    scheduler.preview_ready.connect(previews.append)
    scheduler.preview_ready.connect(lambda r: r.render is not None and source.show(r))
    source.edit("== A ==\n\nfirst")
    scheduler.text_changed(source.revision, 100)
    qtbot.waitUntil(lambda: len(previews) == 1 and scheduler.in_flight is None, timeout=60_000)
    assert previews[0].body is not None
    source.edit("== A ==\n\nsecond")
    scheduler.text_changed(source.revision, 100)
    qtbot.waitUntil(lambda: len(previews) == 2 and scheduler.in_flight is None, timeout=60_000)
    assert previews[1].body is None and previews[1].patch is not None  # a patch while it lives
    old = worker.running()
    for pid in list(old._processes):
        os.kill(pid, 9)
    source.edit("== A ==\n\nthird")
    scheduler.text_changed(source.revision, 100)
    # a new process starts (the job may have died with the old one: reported, then tried again)
    # and answers with the whole body, as it does not know the body the preview shows
    qtbot.waitUntil(lambda: any(p.body is not None and p.revision == 3 for p in previews[2:]), timeout=60_000)
    assert all(p.error is None or "stopped unexpectedly" in p.error for p in previews[2:])
    assert worker.running() is not old
    assert "third" in [p for p in previews if p.body is not None][-1].body.html
    scheduler.shutdown()
    worker.shutdown()
    panels_worker.shutdown()


def test_the_panels_worker_gives_way_to_the_window_and_the_preview():
    from viewer.ui.render_worker import PANELS_NICE, panels_worker

    panels, preview = panels_worker(), SharedWorker()
    try:
        ours = os.nice(0)
        assert panels.executor().submit(os.nice, 0).result(timeout=60) == min(19, ours + PANELS_NICE)
        assert preview.executor().submit(os.nice, 0).result(timeout=60) == ours
    finally:
        panels.shutdown()
        preview.shutdown()
