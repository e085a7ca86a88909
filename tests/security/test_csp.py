"""The preview page's Content Security Policy, tested alone: the article bodies here are raw,
unsanitized HTML, so only the CSP stands between them and the browser.

- inline script without the page's nonce never runs (and does run without the CSP: the control);
- nothing is fetched from the network: a loopback server sees no request (and does see them
  without the CSP: the control).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from hostile import frame_document, load_corpus, run_in_chromium
from viewer.wikitext.render.page import content_security_policy

RAW = [case.wikitext for case in load_corpus()]


def test_policy_denies_by_default_and_allows_only_the_nonce():
    policy = content_security_policy("abc")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'nonce-abc'"]
    for name in ("connect-src", "frame-src", "object-src", "base-uri", "form-action"):
        assert directives[name] == ["'none'"], name
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in " ".join(directives["script-src"])
    assert all("http" not in token for tokens in directives.values() for token in tokens)
    assert "script-src 'none'" in content_security_policy(None)


def test_inline_script_runs_only_with_the_nonce():
    with_csp = run_in_chromium([frame_document(body, csp=True) for body in RAW])
    without = run_in_chromium([frame_document(body, csp=False) for body in RAW])
    fired = [name for name, v in zip(RAW, with_csp) if v.fired]
    assert not fired, fired
    # the page's own script (it has the nonce) does run: the CSP is not just "no script"
    assert sum(v.page_script for v in with_csp) >= len(RAW) - 10
    # control: the same raw bodies, no CSP, and the harness sees payloads fire
    assert sum(v.fired for v in without) >= 100


class _Counter(http.server.BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    paths: list[str] = []
    handler = type("Handler", (_Counter,), {"paths": paths})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", paths
    finally:
        server.shutdown()
        server.server_close()


def network_loads(base: str) -> str:
    """Every way a page can fetch something that the CSP governs."""
    return "\n".join(
        [
            f'<img src="{base}/img">',
            f'<img srcset="{base}/srcset 1x">',
            f'<picture><source srcset="{base}/picture"><img alt=""></picture>',
            f'<div style="background-image:url({base}/css-url)">x</div>',
            f'<div style="background-image:image-set(url({base}/image-set) 1x)">x</div>',
            f"<style>@import url({base}/import.css); .a{{background:url({base}/style-url)}}</style><p class=a>a</p>",
            f"<style>@font-face{{font-family:x;src:url({base}/font.woff)}} .f{{font-family:x}}</style><p class=f>f</p>",
            f'<link rel="stylesheet" href="{base}/link.css">',
            f'<link rel="preload" as="image" href="{base}/preload">',
            f'<script src="{base}/script.js"></script>',
            f'<iframe src="{base}/iframe"></iframe>',
            f'<object data="{base}/object"></object>',
            f'<embed src="{base}/embed">',
            f'<video poster="{base}/poster" src="{base}/video"></video>',
            f'<audio src="{base}/audio" autoplay></audio>',
            f'<input type="image" src="{base}/input">',
            f'<svg><image href="{base}/svg-image" width="1" height="1"/></svg>',
            f'<table background="{base}/table-bg"><tr><td>t</td></tr></table>',
            f'<form action="{base}/form" method="post"><input name="a"></form>'
            f"<script>document.forms[0] && document.forms[0].submit()</script>",
            f"<script>fetch('{base}/fetch'); new Image().src='{base}/js-image';</script>",
        ]
    )


def test_nothing_is_loaded_from_the_network(loopback):
    base, paths = loopback
    body = network_loads(base)
    run_in_chromium([frame_document(body, csp=True)])
    assert paths == [], f"the preview page fetched {paths}"


def test_control_loopback_sees_loads_without_the_csp(loopback):
    base, paths = loopback
    run_in_chromium([frame_document(network_loads(base), csp=False)])
    assert {"/img", "/css-url", "/script.js"} <= set(paths), paths
