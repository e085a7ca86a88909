"""The core never imports Qt: checked on the source text and in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_FILES = sorted((ROOT / "viewer" / "wikitext").rglob("*.py")) + [
    ROOT / "viewer" / "document.py",
    ROOT / "viewer" / "api.py",
    ROOT / "viewer" / "resources.py",
]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "shiboken2")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_does_not_import_qt(path: Path) -> None:
    qt = {m for m in _imported_modules(path) if m.split(".")[0] in QT_MODULES}
    assert not qt, f"{path.relative_to(ROOT)} imports {sorted(qt)}"


def test_core_api_runs_without_qt_loaded() -> None:
    """Importing and using the core API loads no Qt module at all."""
    code = (
        "import sys\n"
        "import viewer.api, viewer.document, viewer.wikitext.outline, viewer.wikitext.parse\n"
        "viewer.api.outline('== a ==\\n{{Infobox x|a=1}}')\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_catches_a_qt_import(tmp_path: Path) -> None:
    """The source check above really sees Qt imports (so a pass means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport os\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imported_modules(bad)
