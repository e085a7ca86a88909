"""The languages with variants that WikiView converts, as MediaWiki's converters define them.

Facts from MediaWiki's ZhConverter and SrConverter (variants, fallbacks, manual levels, the
names the ``D``/``N`` flags print); the dictionaries are ours (:mod:`._dictionary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

__all__ = ["Language", "LANGUAGES", "language_of"]

# Autonyms MediaWiki's LanguageConverter::getVariantNames() falls back on (its Names.php), for
# the ``N``/``D`` flags naming a code that is not a variant of the page's language.
_AUTONYMS = {
    "en": "English",
    "sr": "српски / srpski",
    "sr-ec": "српски (ћирилица)",
    "sr-el": "srpski (latinica)",
    "zh": "中文",
    "zh-hans": "中文（简体）",
    "zh-hant": "中文（繁體）",
    "zh-cn": "中文（中国大陆）",
    "zh-tw": "中文（臺灣）",
    "zh-hk": "中文（香港）",
    "zh-mo": "中文（澳門）",
    "zh-sg": "中文（新加坡）",
    "zh-my": "中文（马来西亚）",
    "ja": "日本語",
    "ko": "한국어",
    "de": "Deutsch",
    "fr": "français",
    "ru": "русский",
}


@dataclass(frozen=True)
class Language:
    """One language's converter settings (MediaWiki: a LanguageConverter subclass)."""

    code: str  # the main code, also the "no conversion" variant
    variants: tuple[str, ...]
    fallbacks: Mapping[str, tuple[str, ...] | str]  # a str: MediaWiki's single (non-list) fallback
    manual_levels: Mapping[str, str]  # "bidirectional" unless listed: "unidirectional", "disable"
    variant_names: Mapping[str, str]  # what -{N|code}- and -{D|...}- print
    bcp47: Mapping[str, str]  # internal code -> BCP 47 spelling accepted in rules
    desc_code_sep: str = ":"
    desc_var_sep: str = ";"
    extra_flags: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    rule_error: str = "Error detected in manual language conversion rule"
    depth_error: str = "Language converter depth limit exceeded ({})"
    guess: Callable[[str, str], bool] | None = None  # "is this text already in that variant?"

    def manual_level(self, variant: str) -> str:
        return self.manual_levels.get(variant, "bidirectional")

    def fallbacks_of(self, variant: str) -> tuple[str, ...] | str:
        return self.fallbacks.get(variant, self.code)

    def name_of(self, code: str) -> str | None:
        return self.variant_names.get(code) or _AUTONYMS.get(code)

    def validate(self, code: str | None) -> str | None:
        """The internal variant code for ``code`` (any case, BCP 47 accepted), or None."""
        if code is None:
            return None
        code = code.lower()
        if code in self.variants:
            return code
        for variant, tag in self.bcp47.items():
            if tag.lower() == code:
                return variant
        return None

    @property
    def flags(self) -> dict[str, str]:
        """Flag spelling -> flag, as LanguageConverter::getFlags() (variants are flags too)."""
        flags = {f: f for f in ("A", "T", "R", "D", "-", "H", "N")}
        flags.update(self.extra_flags)
        flags.update((v, v) for v in self.variants)
        return flags

    @property
    def separator(self) -> re.Pattern[str]:
        """Where a rule's text splits: at ``;`` followed by a variant code and ``:`` (or a
        one-way ``from=>code:``), or at a final ``;`` (LanguageConverter::getVarSeparatorPattern)."""
        return _separator(self)


_SEPARATORS: dict[str, re.Pattern[str]] = {}


def _separator(language: Language) -> re.Pattern[str]:
    found = _SEPARATORS.get(language.code)
    if found is None:
        codes = list(dict.fromkeys([*language.variants, *language.bcp47.values()]))
        alternatives = []
        for code in codes:
            alternatives.append(re.escape(code) + r"\s*:")
            alternatives.append(r"[^;]*?=>\s*" + re.escape(code) + r"\s*:")
        found = re.compile(r";\s*(?=" + "|".join(alternatives) + r"|\s*$)")
        _SEPARATORS[language.code] = found
    return found


def _guess_serbian(text: str, variant: str) -> bool:
    # SrConverter::guessVariant: text already mostly in the wanted script is left alone
    cyrillic = len(re.findall("[шђчћжШЂЧЋЖ]", text))
    latin = len(re.findall("[šđčćžŠĐČĆŽ]", text))
    if variant == "sr-ec":
        return cyrillic > latin
    if variant == "sr-el":
        return latin > cyrillic
    return False


ZH = Language(
    code="zh",
    variants=("zh", "zh-hans", "zh-hant", "zh-cn", "zh-hk", "zh-mo", "zh-my", "zh-sg", "zh-tw"),
    fallbacks=MappingProxyType(
        {
            "zh": ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my"),
            "zh-hans": ("zh-cn", "zh-sg", "zh-my"),
            "zh-hant": ("zh-tw", "zh-hk", "zh-mo"),
            "zh-cn": ("zh-hans", "zh-sg", "zh-my"),
            "zh-sg": ("zh-my", "zh-hans", "zh-cn"),
            "zh-my": ("zh-sg", "zh-hans", "zh-cn"),
            "zh-tw": ("zh-hant", "zh-hk", "zh-mo"),
            "zh-hk": ("zh-mo", "zh-hant", "zh-tw"),
            "zh-mo": ("zh-hk", "zh-hant", "zh-tw"),
        }
    ),
    manual_levels=MappingProxyType({"zh": "disable", "zh-hans": "unidirectional", "zh-hant": "unidirectional"}),
    variant_names=MappingProxyType(
        {
            "zh": "原文",
            "zh-hans": "简体",
            "zh-hant": "繁體",
            "zh-cn": "大陆",
            "zh-tw": "臺灣",
            "zh-hk": "香港",
            "zh-mo": "澳門",
            "zh-sg": "新加坡",
            "zh-my": "大马",
        }
    ),
    bcp47=MappingProxyType(
        {
            "zh-hans": "zh-Hans",
            "zh-hant": "zh-Hant",
            "zh-cn": "zh-Hans-CN",
            "zh-sg": "zh-Hans-SG",
            "zh-my": "zh-Hans-MY",
            "zh-tw": "zh-Hant-TW",
            "zh-hk": "zh-Hant-HK",
            "zh-mo": "zh-Hant-MO",
        }
    ),
    desc_code_sep="：",
    desc_var_sep="；",
    rule_error="在手动语言转换规则中检测到错误",
    depth_error="检测到字词转换器嵌套深度超过限制（{}）",
)

SR = Language(
    code="sr",
    variants=("sr", "sr-ec", "sr-el"),
    fallbacks=MappingProxyType({"sr": "sr-ec", "sr-ec": "sr", "sr-el": "sr"}),
    manual_levels=MappingProxyType({}),
    variant_names=MappingProxyType({}),
    bcp47=MappingProxyType({"sr-ec": "sr-Cyrl", "sr-el": "sr-Latn"}),
    extra_flags=MappingProxyType(
        {"S": "S", "писмо": "S", "pismo": "S", "W": "W", "реч": "W", "reč": "W", "ријеч": "W", "riječ": "W"}
    ),
    rule_error="Грешка у ручно задатом правилу за пресловљавање",
    guess=_guess_serbian,
)

LANGUAGES: Mapping[str, Language] = MappingProxyType({"zh": ZH, "sr": SR})


def language_of(variant: str) -> Language | None:
    """The language whose variant ``variant`` is (any case; BCP 47 accepted), or None."""
    for language in LANGUAGES.values():
        if language.validate(variant):
            return language
    return None
