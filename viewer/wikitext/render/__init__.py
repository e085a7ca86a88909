"""Wikitext -> HTML, as MediaWiki renders it."""
