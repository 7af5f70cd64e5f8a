// The least a content script with its matcher in the background does, for bench/minimal.mjs: at
// document_idle, when Backstory's content script runs, either only walk every text node ("#walk",
// the floor at the moment a content script walks, in its own isolated world) or also skip code,
// keep each node with its offset, join the text and send it in 32 K messages ("#send", what the
// architecture needs before any matching, badge or setting). Its times stay in this world.
(function () {
  'use strict';
  const t0 = performance.now();
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const stats = { variant: location.hash.slice(1), nodes: 0, chars: 0, batches: 0, sendMs: 0 };
  if (stats.variant === 'send') {
    let parts = [], refs = [], starts = [], length = 0, lastParent = null, skipped = false;
    const flush = () => {
      const s = performance.now();
      chrome.runtime.sendMessage({ type: 'scan', text: parts.join('') }).catch(() => {});
      stats.sendMs += performance.now() - s;
      stats.batches += 1;
      parts = []; refs = []; starts = []; length = 0;
    };
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentNode;
      if (p !== lastParent) { lastParent = p; skipped = SKIP.has(p.nodeName); }
      if (skipped) continue;
      const text = n.data;
      refs.push(n); starts.push(length); parts.push(text); length += text.length;
      stats.nodes += 1; stats.chars += text.length;
      if (length >= 32768) flush();
    }
    if (length) flush();
  } else {
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { stats.nodes += 1; stats.chars += n.data.length; }
  }
  stats.ms = performance.now() - t0;
  globalThis.__minimalStats = stats;
})();
