"""Template expansion: parameters, parser functions, magic words, pages, limits."""

from viewer.wikitext.preprocess.expand import (
    EXTENSION_TAGS,
    Expander,
    Expansion,
    Frame,
    Host,
    LimitExceeded,
    PFArg,
    transclusion_text,
)
from viewer.wikitext.preprocess.titles import Title, page_url, parse_title, wiki_urlencode

__all__ = [
    "EXTENSION_TAGS",
    "Expander",
    "Expansion",
    "Frame",
    "Host",
    "LimitExceeded",
    "PFArg",
    "Title",
    "page_url",
    "parse_title",
    "transclusion_text",
    "wiki_urlencode",
]
