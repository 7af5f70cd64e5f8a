// Collects a page's text for matching: text nodes under the given roots (TreeWalker), plus the alt,
// aria-label and title attributes where brands often hide, each tagged with its text block.
// Time-sliced: the walk yields to the page whenever a slice passes its budget.
(function (root) {
  'use strict';
  const B = root.BackstoryBlocks;

  // Never read: code, form fields, and everything that is not page text.
  const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION',
    'HEAD', 'IFRAME', 'CANVAS', 'SVG', 'svg', 'MATH', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO']);
  // Code editors that render text in ordinary elements (CodeMirror 5/6, Monaco, Ace).
  const EDITOR_CLASS = /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ace_editor)(?:\s|$)/;
  const ATTRS = ['aria-label', 'title'];

  // `scheduler.yield` keeps our place in the task queue (Chromium 129+, Firefox 142+); elsewhere an
  // idle callback, so a busy page runs first.
  const yieldToPage = () => (root.scheduler?.yield
    ? root.scheduler.yield()
    : new Promise((resolve) => (root.requestIdleCallback ? root.requestIdleCallback(() => resolve(), { timeout: 50 }) : setTimeout(resolve, 0))));

  function create(doc, { isOwn = () => false, sliceMs = 4 } = {}) {
    // Attributes, not isContentEditable: reading that property forces a style recalculation.
    function rejected(el) {
      if (SKIP_TAGS.has(el.tagName) || isOwn(el)) return true;
      const ce = el.getAttribute('contenteditable');
      if (ce !== null && ce !== 'false') return true;
      if (el.getAttribute('role') === 'textbox') return true;
      const cls = el.getAttribute('class');
      return cls !== null && EDITOR_CLASS.test(cls);
    }
    function insideRejected(node) {
      if (!node.isConnected || doc.designMode === 'on') return true;
      for (let e = node.nodeType === 1 ? node : node.parentElement; e; e = e.parentElement) if (rejected(e)) return true;
      return false;
    }
    function blockOf(node, cache) {
      const start = node.nodeType === 1 ? node : node.parentElement;
      if (!start) return null;
      if (cache.has(start)) return cache.get(start);
      let e = start;
      while (e && e !== doc.body && !B.isBlockTag(e.tagName)) e = e.parentElement;
      const block = e || doc.body;
      cache.set(start, block);
      return block;
    }
    const ATTR_SELECTOR = 'img[alt], [aria-label], [title]';
    function pushAttrs(el, block, out) {
      if (el.tagName === 'IMG') {
        const alt = el.getAttribute('alt');
        if (alt && alt.length > 1) out.push({ ref: el, block, text: alt, own: true });
      }
      for (const a of ATTRS) {
        const v = el.getAttribute(a);
        if (v && v.length > 1) out.push({ ref: el, block, text: v, own: true });
      }
    }

    // roots: elements or text nodes. Returns segments for blocks.buildBatches: text nodes in document
    // order, then attribute texts (each its own run, so their order does not matter).
    // A plain SHOW_TEXT walker without a JS filter stays on the browser's fast path; skipped regions
    // are found by a memoized look at each text node's ancestors (most share a parent).
    // stats.walkMs adds the walk's own time; clock (main.js) is told when the walk yields.
    async function collect(roots, stats, clock) {
      const segments = [];
      const cache = new Map();
      let t0 = performance.now();
      let deadline = t0 + sliceMs;
      let visited = 0;
      // Called every 64 nodes; awaiting only when the slice is spent keeps the loop free of promises.
      const due = () => (++visited & 63) === 0 && performance.now() > deadline;
      const pause = async () => {
        if (stats) stats.walkMs += performance.now() - t0;
        clock?.end();
        await yieldToPage();
        clock?.begin();
        t0 = performance.now();
        deadline = t0 + sliceMs;
      };
      for (const r of roots) {
        if (insideRejected(r)) continue;
        if (r.nodeType === 3) { segments.push({ ref: r, block: blockOf(r, cache), text: r.data }); continue; }
        // One memo per element below r: its text block, or null inside a skipped region. Text nodes
        // come in runs under the same parent, so most skip even the Map lookup; text under a skipped
        // parent (a script's source) is never read. This loop runs cold (once per page, before the
        // JIT warms up), so every call saved per node counts: it was 5-10 times the bare walk.
        const memo = new Map([[r, blockOf(r, cache)]]);
        const blockBelow = (el) => {
          if (el === null) return null; // removed from the page while the walk yielded
          let v = memo.get(el);
          if (v === undefined) {
            if (rejected(el)) v = null;
            else { const up = blockBelow(el.parentElement); v = up === null ? null : B.isBlockTag(el.tagName) ? el : up; }
            memo.set(el, v);
          }
          return v;
        };
        const walker = doc.createTreeWalker(r, NodeFilter.SHOW_TEXT);
        let lastParent = null, block = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const p = n.parentNode;
          if (p !== lastParent) { lastParent = p; block = blockBelow(p); }
          if (block !== null) { const text = n.data; if (text.length > 1) segments.push({ ref: n, block, text }); }
          if (due()) await pause();
        }
        if (r.matches(ATTR_SELECTOR) && !rejected(r)) pushAttrs(r, blockOf(r, cache), segments);
        for (const el of r.querySelectorAll(ATTR_SELECTOR)) {
          const b = blockBelow(el);
          if (b !== null) pushAttrs(el, b, segments);
          if (due()) await pause();
        }
      }
      if (stats) stats.walkMs += performance.now() - t0;
      return segments;
    }

    return { collect, rejected, insideRejected, blockOf };
  }

  const api = { create, yieldToPage, SKIP_TAGS };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryCollect = api;
})(globalThis);
