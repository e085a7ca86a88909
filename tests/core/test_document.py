"""Reading and saving files: encodings, BOM, newlines, byte-identical and atomic saves."""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path

import pytest

from viewer import document
from viewer.document import DocumentError, TextFormat, decode, encode, read_document, write_atomic

TEXT = "== 背景 ==\n纳戈尔诺-卡拉巴赫戰爭 {{cite web|title=x}}\n𨭎 and é\n"

# (encoding to write with, BOM prefix, newline, expected TextFormat.encoding)
CASES = [
    ("utf-8", b"", "\n", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "\n", "utf-8"),
    ("utf-8", b"", "\r\n", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "\r\n", "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n", "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n", "utf-16-be"),
    ("gb18030", b"", "\r\n", "gb18030"),
    ("big5", b"", "\n", "big5"),
]


def _bytes(encoding: str, bom: bytes, newline: str, text: str = TEXT) -> bytes:
    if encoding == "big5":  # Big5 has no 𨭎 nor simplified-only characters
        text = "== 背景 ==\n納戈爾諾-卡拉巴赫戰爭 {{cite web|title=x}}\n中華民國\n"
    return bom + text.replace("\n", newline).encode(encoding)


@pytest.mark.parametrize("encoding,bom,newline,expected", CASES, ids=lambda v: repr(v) if isinstance(v, bytes) else str(v))
def test_read_and_save_unchanged_is_byte_identical(tmp_path, encoding, bom, newline, expected):
    data = _bytes(encoding, bom, newline)
    path = tmp_path / "a.wiki"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.format.encoding == expected
    assert doc.format.bom == bool(bom)
    assert doc.format.newline == newline
    assert "\r" not in doc.text
    doc.save(doc.text)
    assert path.read_bytes() == data


@pytest.mark.parametrize("encoding,bom,newline,expected", CASES, ids=lambda v: repr(v) if isinstance(v, bytes) else str(v))
def test_edited_text_is_saved_in_the_same_format(tmp_path, encoding, bom, newline, expected):
    path = tmp_path / "a.wiki"
    path.write_bytes(_bytes(encoding, bom, newline))
    doc = read_document(path)
    edited = doc.text + "新的一行\n" if encoding != "big5" else doc.text + "新的一行\n"
    doc.save(edited)
    data = path.read_bytes()
    assert data.startswith(bom)
    assert data[len(bom):].decode(expected) == edited.replace("\n", newline)


def test_explicit_encoding_overrides_detection():
    data = "中文".encode("gb18030")
    text, fmt = decode(data, "gb18030")
    assert text == "中文" and fmt.encoding == "gb18030"


def test_wrong_explicit_encoding_is_a_clear_error():
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        decode("中文".encode("gb18030"), "utf-8")


def test_mixed_newlines_are_reported_and_kept_on_unchanged_save(tmp_path):
    data = b"a\r\nb\nc\r\n"
    path = tmp_path / "m.wiki"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.text == "a\nb\nc\n"
    assert doc.format.mixed_newlines and doc.format.newline == "\r\n"
    doc.save(doc.text)
    assert path.read_bytes() == data


def test_binary_file_is_refused_with_a_message(tmp_path):
    path = tmp_path / "b.wiki"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    with pytest.raises(DocumentError, match="binary"):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.wiki")
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "e.wiki"
    path.write_bytes(b"")
    doc = read_document(path)
    assert doc.text == "" and doc.format == TextFormat()


def test_character_the_encoding_cannot_hold():
    with pytest.raises(DocumentError, match="cannot be saved in BIG5"):
        encode("简体𨭎", TextFormat(encoding="big5"))


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "a.wiki"
    path.write_bytes(b"original")

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(document.os, "fsync", full_disk)
    with pytest.raises(DocumentError, match="No space left on device.*unchanged"):
        write_atomic(path, b"new content")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.wiki"]  # no temporary file left behind


def test_atomic_write_replaces_and_keeps_permissions(tmp_path):
    path = tmp_path / "a.wiki"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)


def test_save_without_a_path_asks_for_save_as():
    doc = document.Document(path=None, text="x", format=TextFormat())
    with pytest.raises(DocumentError, match="Save As"):
        doc.save("y")


def test_labels_for_the_status_bar():
    assert TextFormat("utf-8", True, "\r\n").label == "UTF-8 BOM"
    assert TextFormat("utf-8", True, "\r\n").newline_label == "CRLF"
    assert TextFormat("gb18030", False, "\n", True).newline_label == "LF (mixed)"
