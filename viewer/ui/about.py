"""The About box: what this is, the versions it runs on, and the licences of what it uses."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer import __version__

# (distribution, what it is for, licence)
COMPONENTS = (
    ("PySide6", "Qt for Python: the window", "LGPL-3.0-only"),
    ("PySide6-WebEngine", "Qt WebEngine (Chromium): the preview", "LGPL-3.0-only; Chromium: BSD-3-Clause and others"),
    ("mwparserfromhell", "wikitext parser", "MIT"),
    ("Pygments", "syntax highlighting", "BSD-2-Clause"),
    ("opencc", "Chinese variant conversion", "Apache-2.0"),
    ("nh3", "HTML sanitising (Ammonia)", "MIT"),
    ("python-stdnum", "ISBN/ISSN checks", "LGPL-2.1-or-later"),
    ("platformdirs", "user folders", "MIT"),
    ("charset-normalizer", "encoding detection", "MIT"),
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td>{_version(name)}</td><td>{purpose}</td><td>{licence}</td></tr>"
        for name, purpose, licence in COMPONENTS
    )
    return (
        f"<h3>WikiView {__version__}</h3>"
        "<p>A desktop viewer and editor for MediaWiki wikitext, with a live preview, outline and citation checks.</p>"
        "<p>Licence: GPL-3.0-or-later. The bundled sample article comes from the Chinese Wikipedia "
        "(CC BY-SA 4.0).</p>"
        f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
        "<table cellspacing='6'><tr><th align='left'>Component</th><th align='left'>Version</th>"
        f"<th align='left'>Used for</th><th align='left'>Licence</th></tr>{rows}</table>"
    )


def show_about(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About WikiView")
    box.setTextFormat(box.textFormat().RichText)
    box.setText(about_html())
    if parent is not None:
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.exec()
