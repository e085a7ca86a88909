"""The dictionary conversion of plain text into one variant (MediaWiki: ``translate()``).

Chinese uses OpenCC. MediaWiki's ZhConverter has its own tables (ZhConversion.php); the
closest OpenCC configurations are:

- ``zh-hans`` -> ``t2s`` (characters only, as MediaWiki's ZH_TO_HANS: no regional words);
- ``zh-hant`` -> ``s2tw`` (characters only, in the Taiwan standard forms such as 為, 著
  that zh.wikipedia's ZH_TO_HANT also gives, where plain ``s2t`` gives 爲, 着);
- ``zh-cn``, ``zh-sg``, ``zh-my`` -> ``tw2sp`` (simplified with mainland words: MediaWiki uses
  its ZH_TO_CN table for all three);
- ``zh-tw`` -> ``s2twp`` (Taiwan standard with Taiwan words, as ZH_TO_TW + ZH_TO_HANT);
- ``zh-hk``, ``zh-mo`` -> ``s2hkp`` (Hong Kong standard with Hong Kong words, as ZH_TO_HK);
- ``zh`` -> nothing (the text as written).

Serbian uses MediaWiki's own one-letter tables (Cyrillic <-> Latin), Roman numerals kept.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache

from viewer.wikitext.variants._strtr import Replacements

__all__ = ["OPENCC_CONFIGS", "translate_many", "translate"]

OPENCC_CONFIGS = {
    "zh-hans": "t2s",
    "zh-hant": "s2tw",
    "zh-cn": "tw2sp",
    "zh-sg": "tw2sp",
    "zh-my": "tw2sp",
    "zh-tw": "s2twp",
    "zh-hk": "s2hkp",
    "zh-mo": "s2hkp",
}

# Joins many pieces into one OpenCC call; a private-use character OpenCC keeps as it is and
# that no phrase spans (checked in the tests), so pieces never merge into one word.
_JOIN = "\ue000"
_lock = threading.Lock()


@lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc  # imported late: building a converter loads its dictionaries

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    converter = _opencc(config)
    with _lock:  # one converter object is shared between render threads
        return converter.convert(text)


_TO_CYRILLIC = Replacements(
    {
        **dict(zip("abcčćdđefghijklmnoprsštuvzž", "абцчћдђефгхијклмнопрсштувзж")),
        **dict(zip("ABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ", "АБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ")),
        "dž": "џ", "lj": "љ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ", "LJ": "Љ", "Lj": "Љ", "NJ": "Њ", "Nj": "Њ",
        "d!ž": "дж", "D!ž": "Дж", "D!Ž": "ДЖ", "l!j": "лј", "L!j": "Лј", "L!J": "ЛЈ",
        "n!j": "нј", "N!j": "Нј", "N!J": "НЈ",
    }
)
_TO_LATIN = Replacements(
    {
        **dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš")),
        **dict(zip("АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ", "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ")),
        "љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž",
    }
)
_SERBIAN = {"sr-ec": _TO_CYRILLIC, "sr-el": _TO_LATIN}

# A Roman numeral standing alone (ASCII non-word characters or the text's ends around it)
_BREAK = r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"
_ROMAN = r"(?=[MDCLXVI])M{0,4}(?:C[DM]|D?C{0,3})(?:X[LC]|L?X{0,3})(?:I[VX]|V?I{0,3})"
_ROMAN_RE = re.compile(f"^{_ROMAN}$|^{_ROMAN}{_BREAK}|{_BREAK}{_ROMAN}$|{_BREAK}{_ROMAN}{_BREAK}")


def _serbian(table: Replacements, text: str) -> str:
    out = []
    pos = 0
    for found in _ROMAN_RE.finditer(text):
        out.append(table.replace(text[pos : found.start()]))
        out.append(found.group())
        pos = found.end()
    out.append(table.replace(text[pos:]))
    return "".join(out)


def translate_many(variant: str, texts: Sequence[str]) -> list[str]:
    """Each of ``texts`` converted to ``variant`` by the dictionary alone (no rules)."""
    config = OPENCC_CONFIGS.get(variant)
    if config is not None:
        if not texts:
            return []
        joined = _JOIN.join(texts)
        if joined.count(_JOIN) == len(texts) - 1:
            parts = _convert(config, joined).split(_JOIN)
            if len(parts) == len(texts):
                return parts
        return [_convert(config, text) for text in texts]  # the text holds our joiner itself
    table = _SERBIAN.get(variant)
    if table is not None:
        return [_serbian(table, text) for text in texts]
    return list(texts)


def translate(variant: str, text: str) -> str:
    """``text`` converted to ``variant`` by the dictionary alone."""
    return translate_many(variant, [text])[0]
