"""WikiView: a desktop viewer and editor for MediaWiki wikitext."""

__version__ = "0.1.0"
__all__ = ["__version__"]
