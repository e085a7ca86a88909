"""Chinese variants, as zh.wikipedia shows them: OpenCC for the dictionary, MediaWiki's
``-{…}-`` markup and fallbacks on top, and the wikitext itself converted for ``wikiview convert``.

The renderer calls :func:`convert_html` last, on the whole page's HTML with the markup still in
it (rules such as ``{{noteTA}}``'s apply from where they stand to the end of the page, so a
section must not be converted on its own); the UI lists :data:`VARIANTS` with
:data:`VARIANT_NAMES`. Serbian (``sr``, ``sr-ec``,
``sr-el``) is converted too, for MediaWiki's own language-converter parser tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from viewer.wikitext.limits import check_length
from viewer.wikitext.variants._dictionary import OPENCC_CONFIGS, translate
from viewer.wikitext.variants._html import Conversion
from viewer.wikitext.variants._languages import LANGUAGES, language_of

__all__ = [
    "VARIANTS",
    "VARIANT_NAMES",
    "OPENCC_CONFIGS",
    "ConvertedHtml",
    "conversion_variant",
    "convert_html",
    "convert_text",
    "convert_wikitext",
    "text_in_all_variants",
]

VARIANTS: tuple[str, ...] = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my")

# The labels of zh.wikipedia's variant menu (MediaWiki's variantname-zh-* messages)
VARIANT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "zh": "不转换",
        "zh-hans": "简体",
        "zh-hant": "繁體",
        "zh-cn": "大陆简体",
        "zh-tw": "臺灣正體",
        "zh-hk": "香港繁體",
        "zh-mo": "澳門繁體",
        "zh-sg": "新加坡简体",
        "zh-my": "大马简体",
    }
)


@dataclass(frozen=True)
class ConvertedHtml:
    """``html`` in the variant; ``display_title`` the title set by ``-{T|…}-`` (HTML), or None
    when the page keeps its own title (show it with :func:`convert_text`)."""

    html: str
    display_title: str | None = None


def _language(variant: str):
    language = language_of(variant)
    if language is None:
        known = ", ".join(v for lang in LANGUAGES.values() for v in lang.variants)
        raise ValueError(f"unknown variant {variant!r} (known: {known})")
    return language, language.validate(variant)


def conversion_variant(lang: str, variant: str | None) -> str | None:
    """The variant :func:`convert_html` should run with for content language ``lang`` and the
    reader's ``variant`` (None: as written), or None when ``lang`` has no converter, so that
    ``-{ }-`` stays plain text as MediaWiki leaves it in such languages."""
    lang = (lang or "").lower()
    language = LANGUAGES.get(lang) or language_of(lang)  # a content language "zh-tw" is zh's
    if language is None:
        return None
    return language.validate(variant) or language.code


def convert_html(html: str, variant: str) -> ConvertedHtml:
    """The renderer's HTML in ``variant``: ``-{ }-`` markup applied, text converted."""
    language, variant = _language(variant)
    run = Conversion(language, variant)
    converted = run.convert(html)
    return ConvertedHtml(html=converted, display_title=run.title)


def convert_text(text: str, variant: str) -> str:
    """Plain text (a page title, a label) by the dictionary alone, as MediaWiki converts the
    page's title when no ``-{T|…}-`` sets one."""
    _language_obj, variant = _language(variant)
    return translate(variant, text)


def text_in_all_variants(text: str, lang: str = "zh") -> dict[str, str]:
    """``text`` in every variant of ``lang`` by the dictionary (MediaWiki's
    autoConvertToAllVariants), e.g. to find that ``[[軟體]]`` names the existing page 软件."""
    language = LANGUAGES.get(lang.lower())
    if language is None:
        return {}
    return {variant: translate(variant, text) for variant in language.variants}


def convert_wikitext(text: str, variant: str) -> str:
    """The wikitext converted to ``variant``; markup (template and parameter names, link
    targets, URLs, tag attributes, ``<nowiki>``/``<pre>``/code, ``-{ }-``) is untouched.
    A text over the core's length limit raises :class:`~viewer.wikitext.limits.TextTooLong`."""
    from viewer.wikitext.variants._wikitext import convert_wikitext as convert

    # over the length limit it refuses (TextTooLong) rather than convert half a text
    check_length(text)
    _language_obj, variant = _language(variant)
    return convert(text, variant)
