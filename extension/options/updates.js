// Options, "Dataset updates": shows the subscription and the outcome of the last check in plain
// words, runs a check on request, and lets the user subscribe to a list by URL and public key.
'use strict';
(function () {
  const api = globalThis.BackstoryApi;
  const { t, fmt } = globalThis.BackstoryI18n;
  const { el } = globalThis.BackstoryDom;
  const $ = (id) => document.getElementById(id);
  const when = (iso) => (iso ? fmt.dateTime(iso) : t('options_updates_never'));

  async function show() {
    const res = await api.runtime.sendMessage({ type: 'updateStatus' });
    if (!res?.ok) return;
    const sub = res.subscription;
    $('updates-subscription').textContent = !sub ? t('options_updates_none')
      : t(sub.source === 'user' ? 'options_updates_user' : 'options_updates_bundled', [sub.url]);
    $('updates-check').disabled = !sub;
    $('updates-remove').hidden = sub?.source !== 'user';
    const s = res.status;
    // The code's sentence is localized; the engine's reason adds the detail (in English).
    const result = s ? [t(`options_updates_code_${s.code.replace(/-/g, '_')}`) || s.code, el('br'), el('span', { class: 'muted small' }, s.reason)] : [];
    const fact = (key, value) => [el('dt', null, t(key)), el('dd', null, value)];
    $('updates-status').replaceChildren(...(s ? [
      ...fact('options_updates_last_check', when(s.lastCheck)),
      ...fact('options_updates_result', result),
      ...fact('options_updates_last_success', when(s.lastSuccess)),
    ] : []));
    $('updates-status').dataset.code = s?.code ?? '';
  }

  $('updates-check').addEventListener('click', async () => {
    $('updates-result').textContent = t('options_updates_checking');
    const res = await api.runtime.sendMessage({ type: 'checkNow' });
    $('updates-result').textContent = res?.ok ? t(`options_updates_code_${res.status.code.replace(/-/g, '_')}`) || res.status.reason : (res?.error ?? '');
    await show();
  });

  $('updates-remove').addEventListener('click', async () => {
    await api.runtime.sendMessage({ type: 'removeSubscription' });
    $('updates-result').textContent = '';
    await show();
  });

  // The addresses the background accepts (background/updates.js validUrl): https, or http on this
  // computer for testing. Checked here first, so that no access is asked for an address it refuses.
  function updateOrigin(url) {
    try {
      const u = new URL(url);
      const ok = !u.username && !u.password && (u.protocol === 'https:' ||
        (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)));
      return ok ? u.origin : null;
    } catch { return null; }
  }

  // The origin permission must be asked for inside the user's submit, before anything async.
  $('updates-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const url = $('updates-url').value.trim();
    const key = $('updates-key').value.trim();
    const origin = updateOrigin(url);
    if (!origin) { $('updates-result').textContent = t('options_updates_bad_url'); return; }
    const granted = await api.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    if (!granted) { $('updates-result').textContent = t('options_updates_no_permission', [origin]); return; }
    const res = await api.runtime.sendMessage({ type: 'setSubscription', url, public_key: key });
    const refused = res?.ok && res.code ? t(`options_updates_${res.code.replace(/-/g, '_')}`) : '';
    $('updates-result').textContent = res?.ok && res.saved ? t('options_updates_saved') : (refused || res?.reason || res?.error || '');
    await show();
  });

  show();
})();
