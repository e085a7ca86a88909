"""The render scheduler: the latest text wins, one job in flight, errors come back as data."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from viewer.ui.render_job import JobResult, Snapshot, run_job
from viewer.ui.render_worker import RenderScheduler, process_executor


class Source:
    def __init__(self):
        self.revision = 0
        self.text = ""

    def edit(self, text):
        self.revision += 1
        self.text = text

    def snapshot(self):
        return Snapshot(self.revision, self.text)


def test_latest_text_wins_and_one_job_at_a_time(qtbot):
    source = Source()
    gate = threading.Event()
    running = []
    seen = []

    def job(snapshot):
        running.append(snapshot.revision)
        assert len(running) - len(seen) <= 1  # never two at once
        gate.wait(5)
        seen.append(snapshot.revision)
        return JobResult(snapshot.revision, None, None, None)

    executor = ThreadPoolExecutor(max_workers=4)
    scheduler = RenderScheduler(source.snapshot, delay_ms=5, job=job, executor=executor)
    results = []
    scheduler.finished.connect(results.append)
    source.edit("a")
    scheduler.text_changed(source.revision)
    qtbot.waitUntil(lambda: running == [1], timeout=3000)
    for text in ("ab", "abc", "abcd"):  # typed while the first job runs
        source.edit(text)
        scheduler.text_changed(source.revision)
    gate.set()
    qtbot.waitUntil(lambda: [r.revision for r in results] == [4], timeout=3000)
    assert running == [1, 4]  # the intermediate texts were never analysed
    scheduler.shutdown()
    executor.shutdown()


def test_a_renderer_failure_is_data_and_the_outline_still_comes(monkeypatch):
    import viewer.wikitext.analysis

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(viewer.wikitext.analysis, "analyze", broken)
    result = run_job(Snapshot(1, "== A ==\ntext"))
    assert result.error == "The article could not be rendered: RuntimeError: boom"
    assert "RuntimeError" in result.details
    assert [s.title for s in result.analysis.outline.sections] == ["A"]
    assert 'class="wv-error"' in result.body.html


def test_job_failure_in_the_executor_is_reported(qtbot):
    source = Source()
    source.edit("x")

    def job(snapshot):
        raise ValueError("cannot")

    executor = ThreadPoolExecutor(max_workers=1)
    scheduler = RenderScheduler(source.snapshot, delay_ms=0, job=job, executor=executor)
    with qtbot.waitSignal(scheduler.finished, timeout=3000) as blocker:
        scheduler.text_changed(source.revision)
    assert "ValueError: cannot" in blocker.args[0].error
    scheduler.shutdown()
    executor.shutdown()


def test_the_worker_process_analyses_the_sample(qtbot, sample_text):
    source = Source()
    source.edit(sample_text)
    scheduler = RenderScheduler(source.snapshot, delay_ms=0, executor_factory=process_executor)
    with qtbot.waitSignal(scheduler.finished, timeout=60_000) as blocker:
        scheduler.text_changed(source.revision, len(sample_text))
    result = blocker.args[0]
    assert result.revision == 1 and result.analysis is not None
    assert len(result.analysis.outline.sections) == 19
    assert result.body is not None
    scheduler.shutdown()
