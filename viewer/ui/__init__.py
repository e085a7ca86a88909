"""WikiView's Qt application: it shows what the core computes and reacts to the user.

Nothing here computes wikitext facts of its own; see DESIGN.md ("one-way flow").
"""

import sys as _sys

if _sys.version_info < (3, 12) and _sys.implementation.name == "cpython":
    import ctypes as _ctypes

    # PySide6 6.12's void methods (setFormat, setUserState, QTextCursor.setPosition ...) return
    # None without a new reference, as if None were immortal (it is from Python 3.12 on). On 3.11
    # every call drops None's reference count by one, and after a few thousand calls the
    # interpreter aborts with "none_dealloc". Give None a count that no run can use up.
    _ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
