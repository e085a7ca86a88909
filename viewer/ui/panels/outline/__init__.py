"""The Outline panel: sections and infobox fields; the widget lives in ``widget.py`` (built lazily)."""
