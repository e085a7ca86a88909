"""The ``wikiview`` command: argument parsing and output formats; the work is the core's.

Errors a person can fix (a missing file, a bad argument) give one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from viewer import __version__
from viewer.document import Document, DocumentError, TextFormat, read_document
from viewer.wikitext.limits import TextTooLong

SUBCOMMANDS = ("render", "check", "outline", "convert", "screenshot")
EXIT_OK, EXIT_FOUND, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """Bad arguments; the message is one line for stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise UsageError(f"{self.prog}: {message}")


def _read(file: str, encoding: str | None = None) -> Document:
    if file == "-":
        data = sys.stdin.buffer.read()
        from viewer.document import decode

        text, fmt = decode(data, encoding)
        return Document(path=None, text=text, format=fmt, original=data)
    return read_document(file, encoding)


def _write_text(out: str | None, text: str) -> None:
    if out in (None, "-"):
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    from viewer.document import write_atomic

    try:
        write_atomic(out, text.encode("utf-8"))
    except DocumentError as error:
        raise DocumentError(str(error)) from None


def _render_options(args: argparse.Namespace, file: str):
    from types import MappingProxyType

    from viewer.wikitext.render.result import RenderOptions

    pages: dict[str, str] = {}
    if args.pages:
        try:
            loaded = json.loads(Path(args.pages).read_text(encoding="utf-8"))
        except OSError as error:
            raise DocumentError(f"{args.pages}: cannot be read ({error.strerror or error}).") from None
        except json.JSONDecodeError as error:
            raise DocumentError(f"{args.pages}: not valid JSON ({error.msg}, line {error.lineno}).") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
            raise DocumentError(f'{args.pages}: expected a JSON object {{"Template:Name": "wikitext", ...}}.')
        pages = loaded
    templates_dir = Path(args.templates) if args.templates else None
    if templates_dir is not None and not templates_dir.is_dir():
        raise DocumentError(f"{templates_dir}: no such folder.")
    title = args.title or (Path(file).stem if file != "-" else "Main Page")
    return RenderOptions(
        title=title,
        lang=args.lang,
        variant=args.variant or None,
        pages=MappingProxyType(pages),
        templates_dir=templates_dir,
    )


def _check_variant(variant: str | None) -> None:
    if variant is None:
        return
    from viewer.wikitext.variants import VARIANTS

    if variant not in VARIANTS:
        raise UsageError(f"wikiview: unknown variant {variant!r} (choose from {', '.join(VARIANTS)})")


def cmd_render(args: argparse.Namespace) -> int:
    _check_variant(args.variant)
    doc = _read(args.file, args.encoding)
    options = _render_options(args, args.file)
    from viewer.wikitext.render.html import render_page
    from viewer.wikitext.render.page import standalone_page

    result = render_page(doc.text, options)
    html = result.html if args.fragment else standalone_page(result, lang=options.variant or options.lang)
    _write_text(args.output, html)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    documents = [(file, _read(file, args.encoding)) for file in args.files]  # I/O errors before any work
    from viewer.wikitext.checks import run_checks
    from viewer.wikitext.parse import LineIndex

    reports = []
    errors = False
    for file, doc in documents:
        lines = LineIndex(doc.text)
        diagnostics = run_checks(doc.text, profile=args.profile)
        items = []
        for d in diagnostics:
            line, column = lines.position(d.start)
            end_line, end_column = lines.position(d.end)
            items.append(
                {
                    "code": d.code,
                    "severity": d.severity,
                    "message": d.message,
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    # additive to DESIGN.md's contract: what the panel and scripts need for fixes
                    "source_key": d.source_key,
                    "data": d.data,
                    "related": [
                        {"line": lines.position(s)[0], "column": lines.position(s)[1]} for s, _e in d.related
                    ],
                    "fixes": [
                        {"label": f.label, "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.edits]}
                        for f in d.fixes
                    ],
                }
            )
            errors = errors or d.severity == "error"
        reports.append({"file": file, "diagnostics": items})
    if args.format == "json":
        json.dump({"files": reports}, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        for report in reports:
            for d in report["diagnostics"]:
                print(f"{report['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]")
        total = sum(len(r["diagnostics"]) for r in reports)
        counts = {s: sum(d["severity"] == s for r in reports for d in r["diagnostics"]) for s in ("error", "warning", "info")}
        print(f"{total} findings: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info", file=sys.stderr)
    return EXIT_FOUND if errors else EXIT_OK


def cmd_outline(args: argparse.Namespace) -> int:
    from viewer.wikitext.outline import build_outline

    doc = _read(args.file, args.encoding)
    result = build_outline(doc.text)
    if args.format == "json":
        json.dump(result.to_json(args.file), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    for box in result.infoboxes:
        print(f"{box.line:>5}  {{{{{box.template}}}}}")
        for f in box.fields:
            value = " ".join(f.value.split())
            print(f"{f.line:>5}    {f.name} = {value[:60]}{'…' if len(value) > 60 else ''}")
    for s in result.sections:
        print(f"{s.line:>5}  {'  ' * (s.level - 2)}{'=' * s.level} {s.title} {'=' * s.level}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    _check_variant(args.variant)
    from viewer.wikitext.variants import convert_wikitext

    doc = _read(args.file, args.encoding)
    converted = convert_wikitext(doc.text, args.variant)
    if args.output in (None, "-"):
        sys.stdout.write(converted)
        return EXIT_OK
    from viewer.document import write_atomic

    # keep the source's encoding, BOM and newlines
    fmt: TextFormat = doc.format
    from viewer.document import encode

    write_atomic(args.output, encode(converted, fmt))
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    _check_variant(args.variant)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"wikiview screenshot: --size must be WIDTHxHEIGHT, not {args.size!r}") from None
    if args.file:
        read_document(args.file, args.encoding)  # fail early, with one line, on a bad file
    from viewer.ui.app import screenshot

    return screenshot(args.file, args.output, size=(width, height), variant=args.variant, theme=args.theme)


def _subparser() -> _Parser:
    parser = _Parser(prog="wikiview", description="WikiView: view, edit and check MediaWiki wikitext.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add_encoding(p: argparse.ArgumentParser) -> None:
        p.add_argument("--encoding", help="read the file in this encoding instead of detecting it")

    p = sub.add_parser("render", help="the preview's HTML")
    p.add_argument("file")
    p.add_argument("-o", "--output")
    p.add_argument("--variant")
    p.add_argument("--fragment", action="store_true", help="the article body alone, without page and CSS")
    p.add_argument("--title")
    p.add_argument("--lang", default="zh")
    p.add_argument("--templates", metavar="DIR")
    p.add_argument("--pages", metavar="PAGES.json")
    add_encoding(p)
    p.set_defaults(run=cmd_render)

    p = sub.add_parser("check", help="citation and markup diagnostics")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--profile", choices=("zh", "en"), default="zh")
    add_encoding(p)
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("outline", help="sections and infobox fields")
    p.add_argument("file")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_encoding(p)
    p.set_defaults(run=cmd_outline)

    p = sub.add_parser("convert", help="the wikitext converted to a zh variant")
    p.add_argument("file")
    p.add_argument("--variant", required=True)
    p.add_argument("-o", "--output")
    add_encoding(p)
    p.set_defaults(run=cmd_convert)

    p = sub.add_parser("screenshot", help="a PNG of the main window, rendered offscreen")
    p.add_argument("file", nargs="?")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--size", default="1600x1000")
    p.add_argument("--variant")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    add_encoding(p)
    p.set_defaults(run=cmd_screenshot)
    return parser


def _gui_parser() -> _Parser:
    parser = _Parser(prog="wikiview", description="Open wikitext files in WikiView (no file: the bundled sample).")
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument("--version", action="version", version=f"wikiview {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _subparser().parse_args(argv)
            return args.run(args)
        if argv and argv[0] in ("-h", "--help"):
            _gui_parser().print_help()
            print(f"\nsubcommands: {', '.join(SUBCOMMANDS)} (wikiview SUBCOMMAND --help)")
            return EXIT_OK
        args = _gui_parser().parse_args(argv)
        for file in args.files:
            if not Path(file).exists():
                raise DocumentError(f"{file}: no such file.")
        from viewer.ui.app import run_gui

        return run_gui(args.files)
    except (UsageError, DocumentError, TextTooLong) as error:
        print(f"{error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: one line for the user, the traceback on request
        if os.environ.get("WIKIVIEW_DEBUG"):
            raise
        print(f"wikiview: internal error ({type(error).__name__}: {error}); set WIKIVIEW_DEBUG=1 for details", file=sys.stderr)
        return EXIT_INTERNAL
