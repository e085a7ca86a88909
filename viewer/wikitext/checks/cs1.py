"""``cs1/``: Citation Style 1/2 checks (catalogue §4)."""
