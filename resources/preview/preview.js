// WikiView's own script in the preview (the only script the page's CSP lets run).
// It links the rendered page to the source: a click selects the element's source span
// (data-wv-src="START-END", code-point offsets), the editor's cursor marks its element,
// changed blocks are patched in place (no reload, the scroll position stays), and the
// preview and the editor can follow each other's scrolling. Talks to Python through QWebChannel.
"use strict";
(function () {
  var bridge = null;
  var marked = null;
  // the scroll position our own scrollTo left (sync, patch): a scroll there is not the user's
  var ownY = null;

  function scrollOwn(y) {
    window.scrollTo(window.scrollX, y);
    ownY = window.scrollY;
  }

  function body() {
    return document.querySelector("#bodyContent > .mw-parser-output") ||
      document.querySelector(".mw-parser-output");
  }

  // An edit moves the offsets of every block after it. A moved block keeps the move in
  // __wvShift and its attributes are rewritten a slice at a time after the patch (see
  // writeSome), so that a keystroke on a long article is shown without first rewriting tens of
  // thousands of attributes; span() adds the move still pending.
  var moved = [], writing = false;

  function pending(el) {
    var root = body();
    while (el && el.parentElement !== root) el = el.parentElement;
    return el && el.__wvShift ? el.__wvShift : 0;
  }

  // [start, end) of el's source; ``delta``: the pending move of its block, if known
  function span(el, delta) {
    var v = el.getAttribute("data-wv-src");
    if (!v) return null;
    var dash = v.indexOf("-");
    var d = delta === undefined ? pending(el) : delta;
    return [parseInt(v.slice(0, dash), 10) + d, parseInt(v.slice(dash + 1), 10) + d];
  }

  function shift(block, delta) {
    if (!block.__wvShift) moved.push(block);
    block.__wvShift = (block.__wvShift || 0) + delta;
  }

  function write(block) {
    var d = block.__wvShift;
    block.__wvShift = 0;
    if (!d || !block.isConnected) return;
    var els = [block].concat(Array.prototype.slice.call(block.querySelectorAll("[data-wv-src]")));
    for (var i = 0; i < els.length; i++) {
      var t = span(els[i], 0);
      if (t) els[i].setAttribute("data-wv-src", (t[0] + d) + "-" + (t[1] + d));
    }
  }

  function writeSome() {
    var end = performance.now() + 8;
    while (moved.length && performance.now() < end) write(moved.pop());
    writing = moved.length > 0;
    if (writing) setTimeout(writeSome, 0);
  }

  // the innermost block-level element whose source span contains offset
  function elementAt(offset) {
    var block = blockAt(offset);
    if (!block) return null;
    var d = block.__wvShift || 0;
    var s = span(block, d);
    if (!(s[0] <= offset && offset < s[1])) return null;
    var found = block;
    var inner = block.querySelectorAll("[data-wv-src]");
    for (var i = 0; i < inner.length; i++) {
      var t = span(inner[i], d);
      // in document order, a later element containing offset lies inside the earlier one
      if (t[0] <= offset && offset < t[1] && getComputedStyle(inner[i]).display !== "inline") found = inner[i];
    }
    return found;
  }

  // the block (direct child of the body) that contains offset, or the nearest one before it
  function blockAt(offset) {
    var root = body();
    if (!root) return null;
    var best = null;
    for (var i = 0; i < root.children.length; i++) {
      var s = span(root.children[i], root.children[i].__wvShift || 0);
      if (!s) continue;
      if (s[0] > offset) break;
      best = root.children[i];
    }
    return best;
  }

  // give a block and its descendants these offsets, in document order
  function respan(el, spans) {
    if (!el) return;
    el.__wvShift = 0;  // exact offsets: no move pending any more
    var els = [el].concat(Array.prototype.slice.call(el.querySelectorAll("[data-wv-src]")));
    var k = 0;
    for (var i = 0; i < els.length && k + 1 < spans.length; i++) {
      if (!els[i].hasAttribute("data-wv-src")) continue;
      els[i].setAttribute("data-wv-src", spans[k] + "-" + spans[k + 1]);
      k += 2;
    }
  }

  var api = {
    // p: {start, remove, html, shift, tail}; remove == -1 replaces the whole body (html is the body)
    patch: function (p) {
      var root = body();
      var y = window.scrollY;
      if (p.remove < 0) {
        var holder = document.createElement("div");
        holder.innerHTML = p.html;
        var fresh = holder.firstElementChild;
        if (root && fresh) root.replaceWith(fresh);
      } else {
        var kids = root.children;
        var anchor = kids[p.start + p.remove] || null;
        for (var i = 0; i < p.remove; i++) root.removeChild(kids[p.start]);
        var tpl = document.createElement("template");
        tpl.innerHTML = p.html;
        root.insertBefore(tpl.content, anchor);
        var all = root.children;
        if (p.shift) {
          for (var k = all.length - p.tail; k < all.length; k++) shift(all[k], p.shift);
        }
        for (var r = 0; r < (p.respans || []).length; r++) respan(all[p.respans[r][0]], p.respans[r][1]);
        if (moved.length && !writing) {
          writing = true;
          setTimeout(writeSome, 0);
        }
      }
      marked = null;
      scrollOwn(y);
      return body() ? body().children.length : -1;
    },
    // mark the element that holds the editor's cursor
    mark: function (offset) {
      var el = elementAt(offset) || blockAt(offset);
      if (marked === el) return el ? el.tagName : null;
      if (marked) marked.classList.remove("wv-cursor");
      marked = el;
      if (el) el.classList.add("wv-cursor");
      return el ? el.tagName : null;
    },
    // scroll so that the block holding offset is at the top (editor -> preview scroll sync)
    scrollToSource: function (offset) {
      var el = blockAt(offset);
      if (!el) { scrollOwn(0); return; }
      var s = span(el);
      var next = el.nextElementSibling;
      var top = el.getBoundingClientRect().top + window.scrollY;
      // within a long block, move proportionally
      if (next && span(next) && s[1] > s[0]) {
        var nextTop = next.getBoundingClientRect().top + window.scrollY;
        top += (nextTop - top) * Math.min(1, (offset - s[0]) / (s[1] - s[0]));
      }
      scrollOwn(Math.max(0, top - 8));
    },
    // the source offset at the top of the view: the inverse of scrollToSource
    topSource: function () {
      var root = body();
      if (!root) return -1;
      var kids = root.children;
      // the first block whose bottom is below the top edge (blocks are in order: bisect)
      var lo = 0, hi = kids.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (kids[mid].getBoundingClientRect().bottom <= 8) lo = mid + 1; else hi = mid;
      }
      for (var i = lo; i < kids.length; i++) {
        var s = span(kids[i]);
        if (!s) continue;
        var top = kids[i].getBoundingClientRect().top;
        var next = kids[i + 1];
        var nextTop = next ? next.getBoundingClientRect().top : kids[i].getBoundingClientRect().bottom;
        if (top >= 8 || nextTop <= top) return s[0];
        return s[0] + Math.round((s[1] - s[0]) * Math.min(1, (8 - top) / (nextTop - top)));
      }
      return -1;
    },
    // an element's source span, with the move of its block not yet written into its attribute
    span: function (el) { return span(el); },
    scrollTop: function () { return window.scrollY; },
    setScrollTop: function (y) { window.scrollTo(window.scrollX, y); return window.scrollY; }
  };
  window.wikiview = api;

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-wv-src]") : null;
    if (el && bridge) {
      var s = span(el);
      bridge.select(s[0], s[1]);
    }
  }, true);

  var scrollTimer = null;
  window.addEventListener("scroll", function () {
    if (scrollTimer) clearTimeout(scrollTimer);
    scrollTimer = setTimeout(function () { if (bridge) bridge.scrolled(Math.round(window.scrollY)); }, 100);
  });

  // preview -> editor scroll sync: only for scrolls the user makes (wheel, keys, scroll bar,
  // links), never for our own scrollTo, reported at most every SYNC_MS while scrolling
  var SYNC_MS = 80;
  var lastInput = -1e9, pressed = false, lastSent = -1e9, trailing = null;
  function input() { lastInput = performance.now(); }
  ["wheel", "keydown", "touchmove"].forEach(function (name) {
    window.addEventListener(name, input, {capture: true, passive: true});
  });
  window.addEventListener("mousedown", function () { pressed = true; input(); }, true);
  window.addEventListener("mouseup", function () { pressed = false; input(); }, true);

  function sendTop() {
    trailing = null;
    lastSent = performance.now();
    var offset = api.topSource();
    if (bridge && offset >= 0) bridge.topSource(offset);
  }
  window.addEventListener("scroll", function () {
    if (ownY !== null && window.scrollY === ownY) return;
    ownY = null;
    if (!pressed && performance.now() - lastInput > 1000) return;
    var wait = SYNC_MS - (performance.now() - lastSent);
    if (wait <= 0 && !trailing) sendTop();
    else if (!trailing) trailing = setTimeout(sendTop, Math.max(0, wait));
  });

  if (typeof QWebChannel !== "undefined" && window.qt && qt.webChannelTransport) {
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.wikiview;
      bridge.ready();
    });
  }
})();
