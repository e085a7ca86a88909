"""The core: plain Python, never imports Qt (a test enforces it)."""
