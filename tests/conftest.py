"""Shared test set-up: headless Qt, the sample article, the shared spec folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI every run draws the same examples, so a result never depends on luck; locally the
# search stays random (and the example database remembers what it found).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Headless by default, so the README's test command needs no display; as root Chromium
# (Qt WebEngine) refuses to start without --no-sandbox.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = ("--no-sandbox " + os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")).strip()

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "zh-nagorno-karabakh-war.wiki"
# ../shared beside the checkout (the team's spec and tools); CI clones with it beside too.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def qapp():
    """The one QApplication of the run (pytest-qt's qapp, overridden), made as WikiView makes
    it: Qt WebEngine must be loaded before the first QApplication exists, whichever test
    folder happens to need Qt first."""
    from viewer.ui.app import application

    return application([])


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the team's shared folder is expected beside the checkout at {SHARED}")
    return SHARED
