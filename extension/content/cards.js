// The content script's card and site notice: opens a badge's card with the details the background
// adds, hides a match the shopper asked to hide, and shows "You are shopping with …" once per site.
import Card from '../shared/card.js';
import R from '../shared/rules.js';

// page: {api, host, signal, send(msg), ui() (the overlay, made on first need), overlay() (or
// null), site() ({owner, accent}), clock}.
function create(page) {
  const { api, host } = page;

  async function open(badge) {
    const owner = page.site().owner;
    const entry = badge ? badge.entry : { kind: 'company', alias: owner.name, brand: null, owners: [], company: owner };
    const res = await page.send({ type: 'cardInfo', company: entry.company.id, brand: entry.brand?.id ?? null });
    if (page.signal.aborted) return;
    const info = res?.ok ? res : {};
    const model = {
      ...entry,
      company: { ...entry.company, ...(info.company ?? {}) },
      owners: info.owners ?? entry.owners,
      alternatives: info.alternatives ?? [],
      reportUrl: info.reportUrl ?? null,
      host,
      // Why this badge: the text it stands for and the judge's rule, in the judge's words.
      why: badge?.why ? { id: badge.why.id, text: badge.range.toString().replace(/\s+/g, ' ').trim().slice(0, 80), words: badge.why.words } : null,
      dataset: info.dataset ?? null,
    };
    const card = Card.build(document, model, {
      details: (id) => page.send({ type: 'openProfile', id }),
      hide: badge ? () => hideMatch(entry) : null,
      close: () => page.overlay().closeCard(true),
    });
    page.overlay().showCard(badge, card);
  }
  // Remembered locally in settings.hiddenMatches; the settings listener then redraws the page.
  async function hideMatch(entry) {
    page.overlay().closeCard(false);
    const raw = (await api.storage.local.get('settings')).settings;
    await api.storage.local.set({ settings: R.withHiddenMatch(raw, host, entry.company.id, entry.alias) });
  }

  // On the site's own pages its names are no news: the notice says it once (main.js suppresses
  // their badges), unless the shopper dismissed it for this site.
  async function showNotice() {
    page.overlay()?.hideNotice();
    const owner = page.site().owner;
    if (!owner) return;
    const dismissed = (await api.storage.local.get('noticeDismissed')).noticeDismissed;
    if (Array.isArray(dismissed) && dismissed.includes(host)) return;
    page.clock.run(() => page.ui().showNotice({
      text: Card.t('page_notice', [owner.name]),
      color: owner.categories?.[0]?.color,
      openLabel: Card.t('page_notice_details'),
      dismissLabel: Card.t('page_notice_dismiss'),
      onOpen: () => open(null),
      onDismiss: async () => {
        const list = (await api.storage.local.get('noticeDismissed')).noticeDismissed;
        const next = Array.isArray(list) ? list.filter((h) => typeof h === 'string') : [];
        if (!next.includes(host)) next.push(host);
        await api.storage.local.set({ noticeDismissed: next });
      },
    }));
  }

  return { open, showNotice };
}

export { create };
