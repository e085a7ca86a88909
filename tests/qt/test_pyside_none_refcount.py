"""PySide6 must not leak away references to None (PySide6 6.12 on Python 3.11 does).

Every void Qt call there returns None without a new reference; after a few thousand calls the
interpreter aborts with "none_dealloc". The editor makes such calls on every keystroke.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_qt_calls_keep_none_alive(qapp):
    document = QTextDocument("纳戈尔诺-卡拉巴赫战争 𨭎")
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for _ in range(2000):
        cursor.setPosition(3)
        document.firstBlock().setUserState(1)
    after = sys.getrefcount(None)
    # other threads may take or drop a few references meanwhile; the bug drops 4000
    assert after >= before - 100, f"None lost {before - after} references in 4000 void Qt calls"
