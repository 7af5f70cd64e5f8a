// The user's settings in storage.local `settings`, for the extension pages: read, changed and
// watched. Their shape and defaults have one reader, shared/rules.js readSettings (loaded before
// this file), the same the content script uses.
(function () {
  'use strict';
  const api = globalThis.BackstoryApi;
  const { DISPLAYS, readSettings } = globalThis.BackstoryRules;
  async function get() { return readSettings((await api.storage.local.get('settings')).settings); }
  // Read-modify-write of the whole object: the popup and options may both be open.
  async function update(change) {
    const next = readSettings(change(await get()) ?? undefined);
    await api.storage.local.set({ settings: next });
    return next;
  }
  function onChange(callback) {
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes.settings) callback(readSettings(changes.settings.newValue));
    });
  }
  globalThis.BackstorySettings = { DISPLAYS, get, update, onChange };
})();
