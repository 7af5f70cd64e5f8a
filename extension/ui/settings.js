// The user's settings in storage.local `settings` (shape shared with the content script):
// {display, showAll, hiddenCategories, pausedSites, hiddenMatches}; absent fields mean the defaults.
(function () {
  'use strict';
  const api = globalThis.BackstoryApi;
  const DISPLAYS = ['badges+underline', 'badges', 'notice', 'off'];
  function normalize(s) {
    s = s && typeof s === 'object' ? s : {};
    return {
      display: DISPLAYS.includes(s.display) ? s.display : 'badges+underline',
      showAll: s.showAll === true,
      hiddenCategories: Array.isArray(s.hiddenCategories) ? s.hiddenCategories.filter((x) => typeof x === 'string') : [],
      pausedSites: Array.isArray(s.pausedSites) ? s.pausedSites.filter((x) => typeof x === 'string') : [],
      hiddenMatches: Array.isArray(s.hiddenMatches) ? s.hiddenMatches.filter((x) => x && typeof x === 'object') : [],
    };
  }
  async function get() { return normalize((await api.storage.local.get('settings')).settings); }
  // Read-modify-write of the whole object: the popup and options may both be open.
  async function update(change) {
    const next = normalize(change(await get()) ?? undefined);
    await api.storage.local.set({ settings: next });
    return next;
  }
  function onChange(callback) {
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes.settings) callback(normalize(changes.settings.newValue));
    });
  }
  globalThis.BackstorySettings = { DISPLAYS, get, update, onChange, normalize };
})();
