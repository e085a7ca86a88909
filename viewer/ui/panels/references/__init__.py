"""The References panel: diagnostics by severity and family; the widget lives in ``widget.py`` (built lazily)."""
