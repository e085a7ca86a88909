"""Schedules analyses of the editor's text off the GUI thread, the latest text winning.

ReText's two flags: a change marks the result ``outdated``; if no job is pending a single-shot
timer starts; when it fires the text is read once (never per keystroke) and sent to the worker.
At most one job is in flight; when it finishes and the text changed meanwhile, the next starts.
Each text version goes through two stages: the preview first (``preview_ready``), then the
outline and the checks (``finished``), in a second worker so that the next keystroke's
preview does not wait for them.
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
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.ui.render_job import PanelResult, PreviewResult, Snapshot, forget, run_panels, run_preview, warm_up

__all__ = ["RenderScheduler", "SharedWorker", "panels_worker", "process_executor"]

LARGE_CHANGE = 2000  # characters: a paste or a replace-all, not typing
PREVIEW, PANELS = "preview", "panels"  # the two stages of a text version
# the panels' worker yields the CPU to the window and to the preview's worker when they compete
# (a busy machine): the outline and the checks can come a little later, a keystroke cannot
PANELS_NICE = 5
UNPACK_SLICE_S = 0.004  # the GUI thread unpickles panel results in slices of this length


def process_executor(nice: int = 0) -> Executor:
    """One worker process, started now and warmed up (the core imported) before the first job;
    ``nice``: how much lower its CPU priority is than the window's.

    "spawn", because forking a process that runs Qt's threads is unsafe. Spawn would also run
    the parent's main module again in the child (``python -m viewer`` would open a second
    window, a script without a ``__main__`` guard would fail); the worker needs nothing from
    it, so the main module is hidden while the process starts.
    """
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        executor.submit(warm_up, nice)  # starts the process
    finally:
        if main is not None:
            sys.modules["__main__"] = main
    return executor


class SharedWorker:
    """The worker that runs the jobs, shared by the tabs of a window: created on first use and
    created again after it broke (a crash, the system killing it). An executor given here is
    used as it is (tests share a thread pool): never restarted, never shut down."""

    def __init__(self, factory: Callable[[], Executor] = process_executor, *, executor: Executor | None = None) -> None:
        self._factory = factory
        self._executor = executor
        self._fixed = executor is not None

    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = self._factory()
        return self._executor

    def running(self) -> Executor | None:
        """The executor if it was started (and did not break), without starting one."""
        return self._executor

    def broken(self, executor: Executor) -> None:
        """``executor`` failed: the next job gets a new one (unless another tab already made it)."""
        if self._fixed or executor is not self._executor:
            return
        self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        if self._executor is not None and not self._fixed:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def panels_worker(factory: Callable[..., Executor] = process_executor, *, executor: Executor | None = None) -> SharedWorker:
    """The worker for the outline and the checks: a process of lower priority."""
    if factory is process_executor:
        return SharedWorker(lambda: process_executor(PANELS_NICE), executor=executor)
    return SharedWorker(factory, executor=executor)


class RenderScheduler(QObject):
    """``text_changed(revision, size)`` on edits; ``preview_ready(PreviewResult)`` then
    ``finished(PanelResult)`` when a result for the current revision is ready.

    The two stages run in two workers, so that a keystroke's preview never waits for the
    outline and checks of the text before it: the preview worker renders the latest text; when
    its preview is shown, the panels worker gets the same text (if busy, the latest such text
    waits for it). ``snapshot`` is called when a job starts and returns the Snapshot to analyse.
    The jobs and the workers are injectable so that tests can run fakes: ``workers`` the
    window's SharedWorkers (preview, panels), ``executor`` a plain executor used as it is for
    both, else two worker processes of its own.
    """

    preview_ready = Signal(object)  # PreviewResult, only for the current revision
    finished = Signal(object)  # PanelResult, only for the current revision
    _done = Signal(object)  # (stage, snapshot, executor, future) from the executor's thread; queued

    def __init__(
        self,
        snapshot: Callable[[], Snapshot],
        *,
        delay_ms: int = 60,
        preview_job: Callable[[Snapshot], PreviewResult] = run_preview,
        panels_job: Callable[[Snapshot], PanelResult] = run_panels,
        workers: tuple[SharedWorker, SharedWorker] | None = None,
        executor: Executor | None = None,
        executor_factory: Callable[[], Executor] = process_executor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._jobs = {PREVIEW: preview_job, PANELS: panels_job}
        self._owns_workers = workers is None
        if workers is None:
            workers = (SharedWorker(executor_factory, executor=executor), panels_worker(executor_factory, executor=executor))
        self._workers = dict(zip((PREVIEW, PANELS), workers))
        self.delay_ms = delay_ms
        self.outdated = False  # the text changed since the last preview job started
        self.in_flight: int | None = None  # the revision being rendered for the preview
        self._latest = -1  # the revision last sent to the preview worker
        self.panels_in_flight: int | None = None  # the revision whose outline and checks run
        self._panels_next: Snapshot | None = None  # the text whose panels wait for the worker
        self.current_revision = -1  # what the editor has now
        self.last_seconds = 0.0  # of the last preview job
        self._last_change = 0.0
        self._doc: str | None = None  # the document the preview worker keeps state for
        self._crashed: dict[str, int] = {}  # stage -> the revision whose job the worker died on
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._start)
        self._unpacking: tuple[PanelResult, list] | None = None
        self._unpack_timer = QTimer(self, singleShot=True)
        self._unpack_timer.timeout.connect(self._unpack_some)
        self._done.connect(self._on_future)

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
        if size >= LARGE_CHANGE:
            self._timer.start(0)  # what else this event loop turn changes comes along (open, load)
        elif paused:
            # now, in the keystroke's own event: a timer would wait for the repaint it caused
            # (on a 1 MB text, 20 ms of the time to the preview)
            self._timer.stop()
            self._start()
        elif not self._timer.isActive():
            self._timer.start(self.delay_ms)

    def request_now(self) -> None:
        """Render again at once (an option such as the variant changed, or the preview needs
        the whole body)."""
        self.outdated = True
        if self.in_flight is None:
            self._timer.start(0)

    def _start(self) -> None:
        if self.in_flight is not None or not self.outdated:
            return
        snapshot = self._snapshot()
        self.outdated = False
        self.in_flight = self._latest = snapshot.revision
        self._doc = snapshot.doc
        self._submit(PREVIEW, snapshot)

    def _panels_for(self, snapshot: Snapshot) -> None:
        if self.panels_in_flight is not None:
            self._panels_next = snapshot  # the latest wins: an older one waiting is dropped
            return
        self.panels_in_flight = snapshot.revision
        self._submit(PANELS, snapshot)

    def _submit(self, stage: str, snapshot: Snapshot) -> None:
        worker = self._workers[stage]
        for attempt in (1, 2):  # a worker that died since the last job is started again, once
            executor = None
            try:
                executor = worker.executor()
                future = executor.submit(self._jobs[stage], snapshot)
                break
            except (BrokenProcessPool, RuntimeError) as error:
                if executor is not None:
                    worker.broken(executor)
                if attempt == 2 or not isinstance(error, BrokenProcessPool):
                    self._on_done(stage, snapshot, _failed(stage, snapshot, f"The render worker could not start: {error}"))
                    return
        future.add_done_callback(lambda f: self._emit_done((stage, snapshot, executor, f)))

    def _emit_done(self, item: tuple) -> None:
        # runs in the executor's thread; the tab (and this scheduler) may have closed meanwhile
        try:
            self._done.emit(item)
        except RuntimeError:  # "Signal source has been deleted": nobody is waiting for the result
            pass

    def _on_future(self, item: tuple) -> None:
        stage, snapshot, executor, future = item
        retry = False
        try:
            result = future.result()  # already received (and unpickled) by the executor's thread
        except BrokenProcessPool:
            self._workers[stage].broken(executor)
            # tried again once (the next job starts the worker anew), not forever for a text that kills it
            retry = self._crashed.get(stage) != snapshot.revision
            self._crashed[stage] = snapshot.revision
            result = _failed(stage, snapshot, "The render worker stopped unexpectedly; it is being restarted.")
        except Exception as error:  # pickling problems and the like: still data, never a crash
            result = _failed(stage, snapshot, f"The render worker failed: {type(error).__name__}: {error}")
        self._on_done(stage, snapshot, result, retry)

    def _on_done(self, stage: str, snapshot: Snapshot, result, retry: bool = False) -> None:
        current = result.revision == self.current_revision or not self.outdated
        if stage == PREVIEW:
            self.in_flight = None
            self.last_seconds = result.seconds
            self.outdated = self.outdated or retry
            if current:
                self.preview_ready.emit(result)
                if result.render is not None:
                    self._panels_for(snapshot)  # the same text's outline and checks
            if self.outdated:
                self._timer.start(0 if self.last_seconds > self.delay_ms / 1000 else self.delay_ms)
            return
        self.panels_in_flight = None
        if current and result.revision == self._latest:  # not a text older than the preview's
            self._deliver(result)
        waiting, self._panels_next = self._panels_next, None
        if retry and waiting is None:
            waiting = snapshot
        if waiting is not None and waiting.revision == self.current_revision:
            self._panels_for(waiting)

    def _deliver(self, result: PanelResult) -> None:
        """Emit ``finished`` once the result is unpickled, a few pieces per event-loop turn."""
        self._unpacking = (result, [])
        self._unpack_some()

    def _unpack_some(self) -> None:
        if self._unpacking is None:
            return
        result, done = self._unpacking
        if result.revision != self._latest:  # the text moved on meanwhile
            self._unpacking = None
            return
        whole = result.unpack_some(done, UNPACK_SLICE_S)
        if whole is None:
            self._unpack_timer.start(0)
            return
        self._unpacking = None
        self.finished.emit(whole)

    def shutdown(self) -> None:
        self._timer.stop()
        self._unpack_timer.stop()
        if self._owns_workers:
            for worker in self._workers.values():
                worker.shutdown()
        elif self._doc is not None and (executor := self._workers[PREVIEW].running()) is not None:
            try:  # the shared worker may forget this document's bodies and renderer
                executor.submit(forget, self._doc)
            except (BrokenProcessPool, RuntimeError):
                pass


def _failed(stage: str, snapshot: Snapshot, message: str):
    if stage == PREVIEW:
        return PreviewResult(snapshot.revision, "", None, None, None, None, len(snapshot.text), message)
    return PanelResult(snapshot.revision, None, (), message)
