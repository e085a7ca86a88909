"""Recovery copies: the unsaved text of every open document, kept on disk until it is saved.

While a document has unsaved changes, the window hands its text to a :class:`RecoveryWriter`,
which writes it in the background (atomically, so a crash while writing leaves the previous
copy) under the user's state folder. Saving or closing a document removes its copy; a clean
exit leaves none. Copies that remain, written by a process that is no longer running, are
what a crash left behind: :meth:`RecoveryStore.orphans` lists them so they can be offered back.

Plain Python (no Qt), so it is tested without a window and usable by any front end.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from viewer.document import DocumentError, write_atomic

__all__ = ["RecoveryEntry", "RecoveryStore", "RecoveryWriter", "default_recovery_dir"]

_SUFFIX = ".wvrecovery.json"


def default_recovery_dir() -> Path:
    from platformdirs import user_state_path

    return user_state_path("wikiview", appauthor=False) / "recovery"


@dataclass(frozen=True)
class RecoveryEntry:
    key: str  # one per open document and process
    path: str | None  # the file the text belongs to; None for a document never saved
    title: str  # what the user saw on the tab
    text: str
    saved_at: float  # time.time() of the copy
    pid: int  # the process that wrote it


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    except OSError:
        return False
    return True


class RecoveryStore:
    """The folder of recovery copies; each copy is one small JSON file named by its key."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_recovery_dir()

    @staticmethod
    def new_key() -> str:
        return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def write(self, key: str, text: str, *, path: str | None, title: str) -> None:
        """Replace the copy for ``key``; raises DocumentError if the folder cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DocumentError(f"{self.folder}: recovery folder cannot be created ({error.strerror or error}).") from None
        entry = {"path": path, "title": title, "text": text, "saved_at": time.time(), "pid": os.getpid()}
        write_atomic(self._file(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"))

    def remove(self, key: str) -> None:
        try:
            self._file(key).unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # a copy that cannot be removed is only offered again, never harmful

    def entries(self) -> list[RecoveryEntry]:
        """Every readable copy in the folder, newest first (unreadable files are skipped)."""
        found = []
        if not self.folder.is_dir():
            return found
        for file in self.folder.glob(f"*{_SUFFIX}"):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                found.append(
                    RecoveryEntry(
                        key=file.name[: -len(_SUFFIX)],
                        path=data.get("path"),
                        title=str(data.get("title", "")),
                        text=str(data["text"]),
                        saved_at=float(data.get("saved_at", 0.0)),
                        pid=int(data.get("pid", 0)),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
        found.sort(key=lambda e: e.saved_at, reverse=True)
        return found

    def orphans(self) -> list[RecoveryEntry]:
        """The copies whose writer is no longer running: left behind by a crash."""
        return [e for e in self.entries() if not _pid_alive(e.pid)]


class RecoveryWriter:
    """Writes copies on one background thread; of several pending copies of a key, the latest wins.

    ``errors`` collects the last failure message (for the status bar); writing never raises into
    the caller, so a full disk cannot interrupt typing.
    """

    def __init__(self, store: RecoveryStore) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wikiview-recovery")
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[str, str | None, str]] = {}
        self._removed: set[str] = set()
        self.last_error: str | None = None

    def submit(self, key: str, text: str, *, path: str | None, title: str) -> Future:
        with self._lock:
            self._pending[key] = (text, path, title)
            self._removed.discard(key)
        return self._executor.submit(self._write, key)

    def _write(self, key: str) -> None:
        with self._lock:
            job = self._pending.pop(key, None)
        if job is None:  # a newer submit already wrote it, or it was discarded
            return
        text, path, title = job
        try:
            self.store.write(key, text, path=path, title=title)
        except DocumentError as error:
            self.last_error = str(error)
            return
        with self._lock:
            removed = key in self._removed
        if removed:  # discarded while we were writing: do not leave it behind
            self.store.remove(key)

    def discard(self, key: str) -> Future:
        """Forget ``key``'s copy (saved or closed): pending writes are dropped, the file removed."""
        with self._lock:
            self._pending.pop(key, None)
            self._removed.add(key)
        return self._executor.submit(self.store.remove, key)

    def flush(self, timeout: float | None = 5.0) -> None:
        """Wait until everything submitted so far is on disk."""
        self._executor.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
