"""A file on disk <-> text: encoding, BOM, newline style, atomic save.

The text handed to the editor always uses ``\\n``; the newline style, the encoding and the BOM
are kept beside it and restored on save. Saving text that was not changed writes back the very
bytes that were read, even for files with mixed newlines or round-trip-lossy encodings.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = [
    "Document",
    "DocumentError",
    "TextFormat",
    "decode",
    "encode",
    "read_document",
    "write_atomic",
    "ENCODINGS",
]

# The encodings a user can choose from, by the names Python knows them by.
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5", "big5hkscs", "shift_jis", "cp1252")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What detection may choose among when a file is not UTF-8: the legacy Chinese encodings first.
_DETECTABLE = ["gb18030", "big5", "big5hkscs", "utf_16", "shift_jis", "cp1252"]


class DocumentError(Exception):
    """A file could not be read or written; the message is for people."""


@dataclass(frozen=True)
class TextFormat:
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n" or "\r": the style written on save
    mixed_newlines: bool = False

    @property
    def label(self) -> str:
        """For the status bar: ``UTF-8 BOM``, ``GB18030``..."""
        return self.encoding.upper() + (" BOM" if self.bom else "")

    @property
    def newline_label(self) -> str:
        return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[self.newline] + (" (mixed)" if self.mixed_newlines else "")


def _newline_style(text: str) -> tuple[str, bool, str]:
    """The dominant newline of ``text``, whether several are mixed, and the text with ``\\n``."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"\r\n": crlf, "\n": lf, "\r": cr}
    used = [style for style, n in counts.items() if n]
    if not used:
        return "\n", False, text
    dominant = max(used, key=lambda style: counts[style])
    normalized = text.replace("\r\n", "\n").replace("\r", "\n") if crlf or cr else text
    return dominant, len(used) > 1, normalized


def decode(data: bytes, encoding: str | None = None) -> tuple[str, TextFormat]:
    """Bytes -> (text with ``\\n`` newlines, format). ``encoding`` forces one; otherwise a BOM,
    then strict UTF-8, then detection among the legacy encodings decide."""
    bom = False
    if encoding is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                encoding, bom, data = name, True, data[len(mark) :]
                break
    elif encoding.lower().replace("_", "-") in ("utf-8-sig",):
        encoding = "utf-8"
        if data.startswith(codecs.BOM_UTF8):
            bom, data = True, data[3:]
    if encoding is None:
        encoding = _detect(data)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise DocumentError(f"Unknown encoding {encoding!r}.") from None
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"The file is not valid {encoding.upper()}: byte 0x{data[error.start]:02X} at position "
            f"{error.start} cannot be decoded. Choose another encoding to open it."
        ) from None
    newline, mixed, text = _newline_style(text)
    return text, TextFormat(encoding=codecs.lookup(encoding).name, bom=bom, newline=newline, mixed_newlines=mixed)


def _detect(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DocumentError("This looks like a binary file, not wikitext (it contains NUL bytes).")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    if best is None:
        raise DocumentError(
            "The file's encoding could not be recognised (it is not UTF-8, GB18030 or Big5). "
            "Choose its encoding to open it."
        )
    return best.encoding


def encode(text: str, fmt: TextFormat) -> bytes:
    """Text with ``\\n`` newlines -> bytes in ``fmt``."""
    if fmt.newline != "\n":
        text = text.replace("\n", fmt.newline)
    try:
        data = text.encode(fmt.encoding)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise DocumentError(
            f"The character {char!r} (U+{ord(char):04X}) cannot be saved in {fmt.encoding.upper()}. "
            "Save in UTF-8 instead."
        ) from None
    if fmt.bom:
        data = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(
            fmt.encoding, b""
        ) + data
    return data


@dataclass(frozen=True)
class Document:
    """A file's text as read, with how to write it back."""

    path: Path | None
    text: str
    format: TextFormat
    original: bytes = b""  # the bytes read, written back as they were when the text is unchanged

    def to_bytes(self, text: str | None = None, fmt: TextFormat | None = None) -> bytes:
        text = self.text if text is None else text
        fmt = self.format if fmt is None else fmt
        if text == self.text and fmt == self.format and self.original:
            return self.original
        return encode(text, fmt)

    def save(self, text: str, path: Path | None = None, fmt: TextFormat | None = None) -> Document:
        """Write ``text`` atomically to ``path`` (default: where it was read); the new Document."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise DocumentError("The document has no file name yet: use Save As.")
        fmt = self.format if fmt is None else fmt
        data = self.to_bytes(text, fmt)
        write_atomic(target, data)
        return replace(self, path=target, text=text, format=fmt, original=data)


def read_document(path: str | os.PathLike[str], encoding: str | None = None) -> Document:
    """Read a wikitext file; a missing, unreadable or undecodable file raises DocumentError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a file.") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied.") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot be read ({error.strerror or error}).") from None
    try:
        text, fmt = decode(data, encoding)
    except DocumentError as error:
        raise DocumentError(f"{path}: {error}") from None
    return Document(path=path, text=text, format=fmt, original=data)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then replace
    ``path`` with it: a crash or a full disk leaves either the old file or the new one."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DocumentError(f"{path}: cannot be written ({error.strerror or error}).") from None
    if mode is not None and not mode & stat.S_IWUSR:
        # Replacing would succeed (the folder is writable), but the user made the file read-only.
        raise DocumentError(f"{path}: the file is read-only; it was not saved and the file on disk is unchanged.")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise DocumentError(f"{path}: could not be saved ({reason}); the file on disk is unchanged.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
