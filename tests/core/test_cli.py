"""The command line as a user runs it: output formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import __version__

ROOT = Path(__file__).resolve().parents[2]


def wikiview(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=120
    )


def test_version():
    done = wikiview("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"wikiview {__version__}"


def test_outline_json_of_the_sample(sample_text, tmp_path):
    path = tmp_path / "a.wiki"
    path.write_text(sample_text, encoding="utf-8")
    done = wikiview("outline", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["file"] == str(path)
    assert len(data["sections"]) == 19
    assert data["infoboxes"][0]["template"] == "Infobox Military Conflict"
    assert len(data["infoboxes"][0]["fields"]) == 21


def test_outline_text_reads_standard_input():
    done = wikiview("outline", "-", stdin="{{Infobox x|name=Y}}\n== 一 ==\n=== 二 ===\n".encode())
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "{{Infobox x}}" in out and "name = Y" in out
    assert "== 一 ==" in out and "=== 二 ===" in out


def test_outline_reads_legacy_encodings(tmp_path):
    path = tmp_path / "big5.wiki"
    path.write_bytes("== 中華民國歷史 ==\n內容\n".encode("big5"))
    done = wikiview("outline", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sections"][0]["title"] == "中華民國歷史"


@pytest.mark.parametrize(
    "args,message",
    [
        (("outline", "/no/such/file.wiki"), "no such file"),
        (("render", "/no/such/file.wiki"), "no such file"),
        (("check", "/no/such/file.wiki"), "no such file"),
        (("/no/such/file.wiki",), "no such file"),
        (("outline", "--format", "xml", "x.wiki"), "invalid choice"),
        (("render",), "required"),
        (("screenshot", "-o", "x.png", "--size", "big"), "--size"),
        (("convert", "x.wiki"), "--variant"),
    ],
)
def test_errors_are_one_line_and_exit_2(args, message):
    done = wikiview(*args)
    err = done.stderr.decode()
    assert done.returncode == 2, (done.returncode, err)
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_undecodable_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "bin.wiki"
    path.write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    done = wikiview("outline", str(path))
    assert done.returncode == 2
    assert "binary" in done.stderr.decode()


def test_check_json_of_the_sample_and_a_clean_file(sample_text, tmp_path):
    sample = tmp_path / "sample.wiki"
    sample.write_text(sample_text, encoding="utf-8")
    clean = tmp_path / "clean.wiki"
    clean.write_text("正文<ref>来源</ref>\n== 注释 ==\n{{reflist}}\n", encoding="utf-8")
    done = wikiview("check", str(sample), str(clean), "--format", "json")
    assert done.returncode == 1, done.stderr  # errors found
    files = json.loads(done.stdout)["files"]
    assert [f["file"] for f in files] == [str(sample), str(clean)]
    found = {(d["code"], d["line"]) for d in files[0]["diagnostics"]}
    assert ("cite/no-text", 424) in found and ("cite/no-text", 32) in found
    first = files[0]["diagnostics"][0]
    assert {"code", "severity", "message", "line", "column", "end_line", "end_column"} <= set(first)
    assert files[1]["diagnostics"] == []


def test_check_exit_0_without_errors_and_text_format(tmp_path):
    clean = tmp_path / "clean.wiki"
    clean.write_text("正文<ref>来源</ref>\n{{reflist}}\n", encoding="utf-8")
    done = wikiview("check", str(clean))
    assert done.returncode == 0, done.stderr
    assert "0 findings" in done.stderr.decode()
    broken = tmp_path / "broken.wiki"
    broken.write_text('正文<ref name="x"/>\n{{reflist}}\n', encoding="utf-8")
    done = wikiview("check", str(broken))
    assert done.returncode == 1
    line = done.stdout.decode().splitlines()[0]
    assert line.startswith(f"{broken}:1:3: error:") and line.endswith("[cite/no-text]")
