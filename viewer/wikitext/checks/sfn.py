"""``sfn/``: short footnotes and their CITEREF targets (catalogue §5)."""
