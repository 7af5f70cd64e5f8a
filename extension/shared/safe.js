// What a dataset may bring onto a page, written once for every context: links only when they are
// https, and dataset files only up to the size cap. A classic script in the extension pages, the
// background imports it for its global, the content-script bundle and node --test require it.
(function (root) {
  'use strict';

  // A dataset file, loaded in options or fetched as a signed update, is refused above this many
  // bytes before it is parsed: the same cap as src/update.rs MAX_UPDATE_BYTES (tests/js/conventions.test.js).
  const MAX_DATASET_BYTES = 5 * 1024 * 1024;

  // The URL as the browser writes it when it is https, else null: a dataset link never becomes a
  // javascript:, data: or plain-http link.
  function httpsUrl(u) {
    try { const url = new URL(u); return url.protocol === 'https:' ? url.href : null; } catch { return null; }
  }

  const out = { MAX_DATASET_BYTES, httpsUrl };
  if (typeof module === 'object' && module.exports) module.exports = out;
  else root.BackstorySafe = out;
})(globalThis);
