"""Hostile and broken files: each gives a DocumentError a person can act on, and the file on
disk is never damaged by a failed save."""

from __future__ import annotations

import errno
import os
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer import document as document_module
from viewer.document import Document, DocumentError, read_document, write_atomic

ORIGINAL = "== 標題 ==\n原文，不可損壞。\n".encode("utf-8")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.wiki"
    path.write_bytes(ORIGINAL)
    return path


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def _no_temp_left(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- reading ------------------------------------------------------------------------------

def test_undecodable_bytes_in_forced_encoding(tmp_path):
    path = tmp_path / "gb.wiki"
    path.write_bytes("中文條目".encode("gb18030"))
    with pytest.raises(DocumentError) as error:
        read_document(path, encoding="utf-8")
    message = str(error.value)
    assert "UTF-8" in message and "byte 0x" in message and "another encoding" in message
    assert str(path) in message


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.wiki"
    path.write_bytes(_png())
    with pytest.raises(DocumentError, match="binary"):
        read_document(path)


def test_empty_file_opens_as_empty_text(tmp_path):
    path = tmp_path / "empty.wiki"
    path.write_bytes(b"")
    doc = read_document(path)
    assert doc.text == "" and doc.format.encoding == "utf-8"
    doc.save("新內容\n")
    assert path.read_bytes() == "新內容\n".encode("utf-8")


def test_unknown_encoding_name(article):
    with pytest.raises(DocumentError, match="Unknown encoding"):
        read_document(article, encoding="no-such-codec")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_open_or_give_a_document_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "random.wiki"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except DocumentError as error:
        assert str(error).startswith(str(path))
        return
    # what opened saves back as the very bytes read
    assert doc.to_bytes(doc.text) == data


# --- saving -------------------------------------------------------------------------------

def test_file_deleted_while_open_is_written_again(article):
    doc = read_document(article)
    article.unlink()
    doc.save(doc.text + "補充\n")
    assert article.read_bytes() == ORIGINAL + "補充\n".encode("utf-8")


def test_folder_deleted_while_open_gives_clear_message(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "a.wiki"
    path.write_bytes(ORIGINAL)
    doc = read_document(path)
    path.unlink()
    folder.rmdir()
    with pytest.raises(DocumentError, match="could not be saved"):
        doc.save("x")


def test_file_replaced_by_a_folder(article):
    doc = read_document(article)
    article.unlink()
    article.mkdir()
    with pytest.raises(DocumentError):
        doc.save("x")
    assert article.is_dir()


def test_read_only_file_is_not_overwritten(article):
    """A file made read-only while open: saving refuses, with a message, and the file stays."""
    doc = read_document(article)
    os.chmod(article, 0o444)
    try:
        with pytest.raises(DocumentError, match="read-only|permission"):
            doc.save("被改寫\n")
        assert article.read_bytes() == ORIGINAL
    finally:
        os.chmod(article, 0o644)


def test_unwritable_folder(article, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(document_module.tempfile, "mkstemp", refuse)
    with pytest.raises(DocumentError, match="Permission denied"):
        read_document(article).save("x")
    assert article.read_bytes() == ORIGINAL


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fd: int, *args, **kwargs):
        self._file = open(fd, *args, **kwargs)  # noqa: SIM115 (closed by __exit__)

    def write(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_full_disk_during_save_leaves_the_file_untouched(article, monkeypatch, where):
    doc = read_document(article)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        monkeypatch.setattr(document_module.os, "fdopen", _FullDisk)
    else:
        monkeypatch.setattr(document_module.os, where, no_space)
    with pytest.raises(DocumentError) as error:
        doc.save(doc.text + "新段落\n")
    message = str(error.value)
    assert "No space left on device" in message and "unchanged" in message
    assert article.read_bytes() == ORIGINAL
    assert _no_temp_left(article.parent)


def test_unencodable_text_is_refused_before_touching_the_file(article):
    doc = read_document(article)
    with pytest.raises(DocumentError, match="cannot be saved in CP1252"):
        doc.save("中文", fmt=doc.format.__class__(encoding="cp1252"))
    with pytest.raises(DocumentError, match="U\\+D800"):
        doc.save("lone \ud800 surrogate")
    assert article.read_bytes() == ORIGINAL
    assert _no_temp_left(article.parent)


def test_write_atomic_to_a_path_in_a_missing_folder(tmp_path):
    with pytest.raises(DocumentError, match="unchanged"):
        write_atomic(tmp_path / "no" / "such" / "a.wiki", b"x")


def test_document_without_path_asks_for_save_as():
    with pytest.raises(DocumentError, match="Save As"):
        Document(path=None, text="", format=document_module.TextFormat()).save("x")
