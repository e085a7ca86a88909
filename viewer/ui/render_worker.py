"""Schedules analyses of the editor's text off the GUI thread, the latest text winning.

ReText's two flags: a change marks the result ``outdated``; if no job is pending a single-shot
timer starts; when it fires the text is read once (never per keystroke) and sent to the worker.
At most one job is in flight; when it finishes and the text changed meanwhile, the next starts.
The delay adapts as Frescobaldi's does: none after a large change (open, paste, replace all)
or for the first keystroke after a pause, the typing pause otherwise. The job itself runs in a
child process (see render_job.py).
"""

from __future__ import annotations

import multiprocessing
import time
import sys
import types
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.ui.render_job import JobResult, Snapshot, run_job, warm_up

__all__ = ["RenderScheduler", "process_executor"]

LARGE_CHANGE = 2000  # characters: a paste or a replace-all, not typing


def process_executor() -> Executor:
    """One worker process, started now and warmed up (the core imported) before the first job.

    "spawn", because forking a process that runs Qt's threads is unsafe. Spawn would also run
    the parent's main module again in the child (``python -m viewer`` would open a second
    window, a script without a ``__main__`` guard would fail); the worker needs nothing from
    it, so the main module is hidden while the process starts.
    """
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        executor.submit(warm_up)  # starts the process
    finally:
        if main is not None:
            sys.modules["__main__"] = main
    return executor


class RenderScheduler(QObject):
    """``text_changed(size)`` on edits; ``finished(JobResult)`` when a current result is ready.

    ``snapshot`` is called when a job starts and returns the Snapshot to analyse. ``job``,
    ``executor_factory`` and a shared ``executor`` are injectable so tests can run a fake worker.
    """

    finished = Signal(object)  # JobResult, only for the current revision
    _done = Signal(object)  # from the executor's thread; queued to the GUI thread

    def __init__(
        self,
        snapshot: Callable[[], Snapshot],
        *,
        delay_ms: int = 60,
        job: Callable[[Snapshot], JobResult] = run_job,
        executor_factory: Callable[[], Executor] = process_executor,
        executor: Executor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._job = job
        self._executor_factory = executor_factory
        self._executor: Executor | None = executor
        self._owns_executor = executor is None  # a shared executor is its owner's to shut down
        self.delay_ms = delay_ms
        self.outdated = False  # the text changed since the last job started
        self.in_flight: int | None = None  # the revision being analysed
        self.current_revision = -1  # what the editor has now
        self.last_seconds = 0.0
        self._last_change = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._start)
        self._done.connect(self._on_done)

    def text_changed(self, revision: int, size: int = 1) -> None:
        self.current_revision = revision
        self.outdated = True
        now = time.monotonic()
        paused = now - self._last_change > self.delay_ms / 1000
        self._last_change = now
        if self.in_flight is not None:
            return  # picked up when the running job returns
        # the first keystroke after a pause starts at once (nothing is in flight to coalesce
        # with); keystrokes in a burst wait for the typing pause
        delay = 0 if size >= LARGE_CHANGE or paused else self.delay_ms
        if not self._timer.isActive() or delay == 0:
            self._timer.start(delay)

    def request_now(self) -> None:
        """Re-render at once (an option such as the variant changed)."""
        self.outdated = True
        if self.in_flight is None:
            self._timer.start(0)

    def _executor_or_new(self) -> Executor:
        if self._executor is None:
            self._executor = self._executor_factory()
        return self._executor

    def _start(self) -> None:
        if self.in_flight is not None or not self.outdated:
            return
        snapshot = self._snapshot()
        self.outdated = False
        self.in_flight = snapshot.revision
        try:
            future = self._executor_or_new().submit(self._job, snapshot)
        except (BrokenProcessPool, RuntimeError) as error:
            if self._owns_executor:
                self._executor = None
            self._on_done(JobResult(snapshot.revision, None, None, f"The render worker could not start: {error}"))
            return
        future.add_done_callback(lambda f, rev=snapshot.revision: self._done.emit(self._collect(f, rev)))

    def _collect(self, future: Future, revision: int) -> JobResult:
        try:
            return future.result()
        except BrokenProcessPool:
            if self._owns_executor:
                self._executor = None  # started again on the next job
            return JobResult(revision, None, None, "The render worker stopped unexpectedly; it will be restarted.")
        except Exception as error:  # pickling problems and the like: still data, never a crash
            return JobResult(revision, None, None, f"The render worker failed: {type(error).__name__}: {error}")

    def _on_done(self, result: JobResult) -> None:
        self.in_flight = None
        self.last_seconds = result.seconds
        if result.revision == self.current_revision or not self.outdated:
            self.finished.emit(result)
        if self.outdated:
            self._timer.start(0 if self.last_seconds > self.delay_ms / 1000 else self.delay_ms)

    def shutdown(self) -> None:
        self._timer.stop()
        if self._executor is not None and self._owns_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
