"""The hostile corpus and the browser harness that proves none of it runs.

One harness page holds every case in its own ``<iframe srcdoc>``. After the frames load, the
harness pokes every element (mouse, focus and click events, as a reader would), waits, then
reports for each frame whether a payload fired (``alert``/``confirm``/``prompt`` called,
``window.__pwned`` set, or the title set to ``XSS-FIRED``) and what in its DOM could still run
(an ``on*`` attribute, a ``javascript:``/``vbscript:``/``data:`` URL, a script, frame, object or
form element, CSS that loads). Headless Chromium prints the final DOM (``--dump-dom``) and the
test reads the report from it; the Qt WebEngine test reads it with ``runJavaScript``.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
CHROMIUM = "/usr/bin/chromium"
MARKER_TITLE = "XSS-FIRED"

# Set before any payload can run, in pages that have no CSP of their own (the sanitizer alone).
DETECTOR = (
    "(function(){var hit=function(){window.__pwned=(window.__pwned||0)+1;};"
    "window.alert=hit;window.confirm=hit;window.prompt=hit;})();"
)

# Runs in the harness page; AUDIT lists what must never be in a rendered body.
HARNESS_SCRIPT = r"""
var BAD_TAGS = {SCRIPT:1, IFRAME:1, FRAME:1, FRAMESET:1, OBJECT:1, EMBED:1, APPLET:1, BASE:1,
  FORM:1, STYLE:1, SVG:1, MATH:1, TEMPLATE:1, NOSCRIPT:1, PORTAL:1, FENCEDFRAME:1};
var URL_ATTRS = {href:1, src:1, action:1, formaction:1, 'xlink:href':1, data:1, poster:1,
  background:1, lowsrc:1, dynsrc:1, ping:1, codebase:1, to:1, values:1, from:1, by:1, srcset:1};
function badUrl(v) {
  var s = v.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\ufeff]/g, '').toLowerCase();
  if (/^(javascript|vbscript|livescript):/.test(s)) return true;
  return /^data:/.test(s) && !/^data:image\/(png|gif|jpeg|webp);/.test(s);
}
function audit(doc) {
  var found = [];
  var all = doc.getElementsByTagName('*');
  for (var i = 0; i < all.length; i++) {
    var el = all[i], tag = el.tagName.toUpperCase();
    if (el.hasAttribute('data-harness')) continue;
    if (BAD_TAGS[tag]) found.push('<' + tag.toLowerCase() + '>');
    if (tag === 'META' && el.hasAttribute('http-equiv')) found.push('<meta http-equiv>');
    if (tag === 'LINK' && el.hasAttribute('rel')) found.push('<link rel>');
    for (var j = 0; j < el.attributes.length; j++) {
      var a = el.attributes[j], name = a.name.toLowerCase();
      if (name.slice(0, 2) === 'on') found.push(tag.toLowerCase() + '[' + name + ']');
      if (name === 'srcdoc') found.push(tag.toLowerCase() + '[srcdoc]');
      if (URL_ATTRS[name] && badUrl(a.value)) found.push(tag.toLowerCase() + '[' + name + '=' + a.value.slice(0, 40) + ']');
      if (name === 'style' && /url\s*\(|expression|image-set\s*\(|image\s*\(|-moz-binding|behavior\s*:/i.test(a.value))
        found.push(tag.toLowerCase() + '[style=' + a.value.slice(0, 40) + ']');
    }
  }
  return found;
}
function poke(doc) {
  var all = doc.body ? doc.body.getElementsByTagName('*') : [];
  var kinds = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'focus', 'focusin',
               'blur', 'animationstart', 'transitionend', 'toggle', 'load', 'error'];
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    for (var k = 0; k < kinds.length; k++) {
      try { el.dispatchEvent(new Event(kinds[k], {bubbles: false})); } catch (e) {}
    }
    try { if (el.focus) el.focus(); } catch (e) {}
    // a click on a link would navigate the frame away; links are judged by the audit
    if (!el.closest('a,form,button,label')) {
      try { el.dispatchEvent(new MouseEvent('click', {bubbles: true})); } catch (e) {}
    }
  }
}
function frameOf(i) { return document.getElementById('case-' + i); }
function report() {
  var out = [];
  for (var i = 0; i < CASES; i++) {
    var f = frameOf(i), r = {fired: false, findings: [], page_script: false};
    try {
      var w = f.contentWindow, d = f.contentDocument;
      r.fired = !!w.__pwned || (d.title || '').indexOf('XSS-FIRED') >= 0
        || (d.documentElement && d.documentElement.getAttribute('data-pwned') === '1');
      r.findings = audit(d);
      r.page_script = d.documentElement.getAttribute('data-page-script') === 'ran';
      if (d.URL !== 'about:srcdoc') r.findings.push('navigated to ' + d.URL.slice(0, 60));
    } catch (e) { r.findings.push('frame not readable: ' + e); }
    out.push(r);
  }
  var pre = document.getElementById('results');
  pre.textContent = JSON.stringify(out);
  pre.setAttribute('data-done', '1');
}
window.addEventListener('load', function () {
  for (var i = 0; i < CASES; i++) { try { poke(frameOf(i).contentDocument); } catch (e) {} }
  setTimeout(report, 400);
});
"""


@dataclass(frozen=True)
class Case:
    name: str  # file:name, or parserTests.txt:line name
    wikitext: str


@dataclass(frozen=True)
class Verdict:
    fired: bool
    findings: tuple[str, ...]
    page_script: bool = False  # WikiView's own script (with the CSP's nonce) ran

    @property
    def caught(self) -> bool:
        """Anything ran, or could run: what the sanitizer must prevent."""
        return self.fired or bool(self.findings)


def load_corpus() -> list[Case]:
    """Every snippet of ``corpus/*.txt``, in file order."""
    cases: list[Case] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"^### ", text, flags=re.M)[1:]:
            name, _, body = block.partition("\n")
            body = body.rstrip("\n").replace("⟨NUL⟩", "\x00")
            cases.append(Case(f"{path.stem}:{name.strip()}", body))
    return cases


def corpus_pages() -> dict[str, str]:
    return json.loads((CORPUS / "pages.json").read_text(encoding="utf-8"))


_HOSTILE_HINT = re.compile(
    r"<script|javascript|vbscript|expression|url\s*\(|\\7|-o-link|\son\w+\s*=|data:|<iframe|<object|<svg|<math"
    r"|style\s*=|&#\d|&#x",
    re.I,
)


def parser_test_cases(parser_tests: Path) -> list[Case]:
    """MediaWiki's own parser tests whose wikitext attacks the Sanitizer (script, event
    handlers, evil URLs or CSS, encoded forms), as more hostile cases."""
    cases: list[Case] = []
    text = parser_tests.read_text(encoding="utf-8")
    for match in re.finditer(r"^!! test\n(.*?)\n(.*?)^!! end$", text, re.M | re.S):
        name, body = match.group(1).strip(), match.group(2)
        wikitext = re.search(r"^!! wikitext\n(.*?)(?=^!! )", body, re.M | re.S)
        if not wikitext or re.search(r"^!! options\n(?:.*\n)*?.*\bdisabled\b", body, re.M):
            continue
        source = wikitext.group(1).rstrip("\n")
        if _HOSTILE_HINT.search(source):
            line = text.count("\n", 0, match.start()) + 1
            cases.append(Case(f"parserTests.txt:{line} {name}", source))
    return cases


def frame_document(body: str, *, csp: bool, css: bool = True) -> str:
    """The standalone preview page around ``body``; without its CSP, with the detector first
    (the sanitizer alone must hold), or with both (what the app shows). ``css=False`` leaves
    the style sheet out (it runs nothing) to keep a batch under Qt's setHtml size limit."""
    from viewer.wikitext.render.page import standalone_page
    from viewer.wikitext.render.result import RenderResult

    page = standalone_page(RenderResult(html=body), script="document.documentElement.setAttribute('data-page-script', 'ran');")
    if not css:
        page = re.sub(r"<style>.*?</style>", "<style></style>", page, count=1, flags=re.S)
    if not csp:
        page, found = re.subn(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", page, count=1)
        assert found, "the page's CSP was not where the harness expects it"
        page = page.replace("<head>", f"<head><script data-harness>{DETECTOR}</script>", 1)
    # the page's own style sheet, policy and script are not the article's: the audit skips them
    for own, marked in (("<style>", "<style data-harness>"), ("<meta http-equiv=", "<meta data-harness http-equiv="),
                        ("<script nonce=", "<script data-harness nonce=")):
        page = page.replace(own, marked, 1)
    return page


def harness_page(documents: list[str]) -> str:
    # The sandbox keeps scripts running (that is what is tested) but refuses modal dialogs,
    # which would block the headless browser, forms, pop-ups and top-level navigation.
    frames = "".join(
        f'<iframe id="case-{i}" class="case" sandbox="allow-scripts allow-same-origin" srcdoc="{html.escape(doc, quote=True)}"></iframe>'
        for i, doc in enumerate(documents)
    )
    script = HARNESS_SCRIPT.replace("CASES", str(len(documents)))
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>harness</title></head><body>"
        f'<pre id="results"></pre>{frames}<script>{script}</script></body></html>'
    )


def verdicts_from_json(report: str, count: int) -> list[Verdict]:
    raw = json.loads(report)
    assert len(raw) == count
    return [Verdict(bool(r["fired"]), tuple(r["findings"]), bool(r["page_script"])) for r in raw]


def parse_report(dom: str, count: int) -> list[Verdict]:
    match = re.search(r'<pre id="results" data-done="1">(.*?)</pre>', dom, re.S)
    if not match:
        raise AssertionError(f"the harness page did not report (DOM starts: {dom[:300]!r})")
    return verdicts_from_json(html.unescape(match.group(1)), count)


def run_in_chromium(documents: list[str], *, timeout: float = 120.0) -> list[Verdict]:
    """Load every document in headless Chromium at once; a verdict for each."""
    with tempfile.TemporaryDirectory(prefix="wv-xss-") as tmp:
        page = Path(tmp) / "harness.html"
        page.write_text(harness_page(documents), encoding="utf-8")
        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-extensions", "--disable-sync", "--mute-audio",
            f"--user-data-dir={tmp}/profile", "--virtual-time-budget=15000", "--dump-dom", page.as_uri(),
        ]
        env = dict(os.environ, HOME=tmp)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        if done.returncode != 0 and not done.stdout:
            raise AssertionError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
        return parse_report(done.stdout, len(documents))
