"""Recovery copies: written in the background, removed on save, found after a crash."""

from __future__ import annotations

import json
import subprocess
import sys

from viewer.recovery import RecoveryStore, RecoveryWriter


def test_writer_keeps_the_latest_text_and_discard_removes_it(tmp_path):
    store = RecoveryStore(tmp_path / "rec")
    writer = RecoveryWriter(store)
    for i in range(5):
        writer.submit("k1", f"text {i} 𨭎", path="/x/a.wiki", title="a.wiki")
    writer.flush()
    (entry,) = store.entries()
    assert entry.text == "text 4 𨭎" and entry.path == "/x/a.wiki" and entry.key == "k1"
    assert store.orphans() == []  # written by this running process: not a crash
    writer.discard("k1")
    writer.flush()
    assert store.entries() == []
    writer.close()


def test_copies_of_a_dead_process_are_orphans(tmp_path):
    folder = tmp_path / "rec"
    # a child process writes a copy and dies without cleaning up: a crash
    code = (
        "import os, sys; from viewer.recovery import RecoveryStore;"
        f"RecoveryStore({str(folder)!r}).write('crashed', 'lost words', path=None, title='Untitled'); os._exit(1)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    orphans = RecoveryStore(folder).orphans()
    assert [(o.key, o.text, o.title) for o in orphans] == [("crashed", "lost words", "Untitled")]


def test_unreadable_copies_are_skipped(tmp_path):
    store = RecoveryStore(tmp_path)
    (tmp_path / "bad.wvrecovery.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "nopid.wvrecovery.json").write_text(json.dumps({"title": "t"}), encoding="utf-8")
    assert store.entries() == []
