"""Page titles as MediaWiki normalises them: namespaces, first-letter case, URL forms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Title", "NAMESPACES", "parse_title", "wiki_urlencode", "page_url"]

# canonical namespace names by number (MediaWiki core, English), with common aliases
NAMESPACES: dict[int, str] = {
    -2: "Media", -1: "Special", 0: "", 1: "Talk", 2: "User", 3: "User talk", 4: "Project",
    5: "Project talk", 6: "File", 7: "File talk", 8: "MediaWiki", 9: "MediaWiki talk",
    10: "Template", 11: "Template talk", 12: "Help", 13: "Help talk", 14: "Category",
    15: "Category talk",
}
_ALIASES = {"image": 6, "image talk": 7, "wikipedia": 4, "wikipedia talk": 5, "wp": 4,
            "project": 4, "t": 10, "模板": 10, "样板": 10, "樣板": 10, "分类": 14, "分類": 14,
            "文件": 6, "檔案": 6, "图像": 6, "圖像": 6, "parser test": 4}
_NS_BY_NAME = {name.lower(): num for num, name in NAMESPACES.items() if name} | _ALIASES
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_ENTITY = re.compile(r"&[A-Za-z0-9\x80-\U0010FFFF]+;")
_ILLEGAL = re.compile(r"[\[\]{}|#<>\x00-\x1f\x7f]")
# what makes a title invalid, in one search: a character MediaWiki refuses, %XX, an entity
_REFUSED = re.compile("|".join((_ILLEGAL.pattern, _PERCENT.pattern, _ENTITY.pattern)))


@dataclass(frozen=True)
class Title:
    ns: int
    text: str  # without namespace, first letter upper, spaces
    fragment: str = ""

    @property
    def ns_name(self) -> str:
        return NAMESPACES.get(self.ns, "")

    @property
    def full(self) -> str:
        return f"{self.ns_name}:{self.text}" if self.ns else self.text

    @property
    def talk_ns(self) -> int:
        return self.ns | 1 if self.ns >= 0 else self.ns

    @property
    def subject_ns(self) -> int:
        return self.ns & ~1 if self.ns >= 0 else self.ns


def _ucfirst(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def parse_title(raw: str, default_ns: int = 0) -> Title | None:
    """A title from link or template text; None when it is not a valid title."""
    fragment = ""
    if "#" in raw:
        raw, fragment = raw.split("#", 1)
    text = " ".join(raw.replace("_", " ").split())
    if text.startswith(":"):
        text = text[1:].lstrip()
        default_ns = 0
    ns = default_ns
    if ":" in text:
        prefix, rest = text.split(":", 1)
        num = _NS_BY_NAME.get(prefix.strip().lower())
        if num is not None:
            ns, text = num, rest.strip()
    text = unicodedata.normalize("NFC", text)
    if ns != 0 and not text:
        return None  # [[Project:#x]] names no page
    if (not text and not fragment) or _REFUSED.search(text):
        return None
    if text in (".", "..") or text.startswith(("./", "../")) or "/./" in text or "/../" in text:
        return None
    if text.endswith(("/.", "/..")) or "~~~" in text or "\ufffd" in text:
        return None
    return Title(ns, _ucfirst(text), fragment)


# urllib.parse.quote(s, safe=";@$!*(),/~:") as one str.translate of the UTF-8 bytes (read as
# Latin-1): quote's per-byte Python loop was 2 % of a render of a zh page
_URL_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~;@$!*(),/~:")
_URL_TABLE = {b: (chr(b) if b in _URL_SAFE else f"%{b:02X}") for b in range(256)}


def wiki_urlencode(s: str) -> str:
    """``wfUrlencode``: percent-encoding that keeps the characters MediaWiki leaves readable."""
    return s.encode("utf-8").decode("latin-1").translate(_URL_TABLE)


def page_url(title: Title) -> str:
    url = "/wiki/" + wiki_urlencode(title.full.replace(" ", "_"))
    return url
