// Picks the WebExtension namespace once for every context (background, content script, popup).
// Firefox's `browser` and Chromium's `chrome` both return promises in MV3; per-browser feature
// checks belong here and nowhere else.
globalThis.BackstoryApi = globalThis.browser ?? globalThis.chrome;
