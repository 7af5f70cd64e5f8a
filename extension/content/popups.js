// The overlay's card and site notice, inside its closed root: opened beside a badge (or above the
// notice), closed by a click outside, Escape or the card's own button; focus goes back where it was.
import Card from '../shared/card.js';
import Format from '../shared/format.js';

// page: {ensureHost(), host(), layer(), addStyle(css), el(tag, cls, text)} from overlay.js.
function create(doc, page) {
  const win = doc.defaultView;
  let pop = null, popFor = null, notice = null, cardStyled = false;

  // ---- the card (built by main.js with BackstoryCard) ----------------------------------------
  function showCard(badge, cardEl) {
    closeCard(false);
    page.ensureHost();
    // The card's rules are parsed when a card first opens, not with the first badge: they are over
    // half of the overlay's styles, whose parsing took 0.4 ms of a median page's first badge.
    if (!cardStyled) { cardStyled = true; page.addStyle(Card.CSS); }
    pop = page.el('div', 'pop');
    pop.append(cardEl);
    popFor = badge;
    badge?.button.setAttribute('aria-expanded', 'true');
    page.layer().append(pop);
    placeCard();
    cardEl.focus({ preventScroll: true });
    // Click outside closes it; pointerdown on our own UI is stopped inside the layer.
    win.addEventListener('pointerdown', outside, true);
  }
  function outside(e) {
    if (e.target !== page.host()) closeCard(false);
  }
  function placeCard() {
    const origin = page.host().getBoundingClientRect();
    const anchor = popFor && !popFor.button.hidden ? popFor.button.getBoundingClientRect() : null;
    const w = pop.offsetWidth || 300, h = pop.offsetHeight || 200;
    const vw = doc.documentElement.clientWidth, vh = win.innerHeight;
    let left = 8, top = 8;
    if (anchor) {
      // A right-to-left card starts at its right edge: it hangs from the badge leftwards.
      const start = pop.firstElementChild?.getAttribute('dir') === 'rtl' ? anchor.right + 8 - w : anchor.left - 8;
      left = Math.max(8, Math.min(start, vw - w - 8));
      top = anchor.bottom + 6 + h <= vh ? anchor.bottom + 6 : Math.max(8, anchor.top - 6 - h);
    } else if (notice) {
      // Above the notice, at its corner: the window's right, or its left for a right-to-left
      // notice (inset-inline-end puts it there).
      left = notice.getAttribute('dir') === 'rtl' ? Math.max(8, notice.getBoundingClientRect().left) : Math.max(8, vw - w - 16);
      top = Math.max(8, vh - h - 72);
    }
    pop.style.left = `${Math.round(left - origin.left)}px`;
    pop.style.top = `${Math.round(top - origin.top)}px`;
  }
  function closeCard(refocus) {
    if (!pop) return;
    win.removeEventListener('pointerdown', outside, true);
    pop.remove();
    pop = null;
    const was = popFor;
    popFor = null;
    if (was) {
      was.button.setAttribute('aria-expanded', 'false');
      if (refocus && was.button.isConnected) was.button.focus({ preventScroll: true });
    } else if (refocus) notice?.querySelector('button')?.focus({ preventScroll: true });
  }

  // ---- the site notice ("You are shopping with Amazon") ------------------------------------------
  // parts: {text, color, openLabel, dismissLabel, onOpen, onDismiss}
  function showNotice(parts) {
    page.ensureHost();
    notice?.remove();
    notice = page.el('div', 'notice');
    notice.setAttribute('role', 'status');
    // The interface's direction, as the card's (shared/card.js): its words are Backstory's.
    notice.setAttribute('dir', Format.current().dir);
    const color = Card.safeColor(parts.color);
    if (color) notice.style.setProperty('--c', color);
    notice.append(page.el('span', 'msg', parts.text));
    const open = page.el('button', 'open', parts.openLabel);
    open.type = 'button';
    open.addEventListener('click', () => parts.onOpen());
    const x = page.el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', parts.dismissLabel);
    x.addEventListener('click', () => { hideNotice(); parts.onDismiss(); });
    notice.append(open, x);
    page.layer().append(notice);
  }
  function hideNotice() {
    if (!notice) return;
    if (!popFor) closeCard(false);
    notice.remove();
    notice = null;
  }

  return {
    showCard, closeCard, placeCard, showNotice, hideNotice,
    isOpenFor: (badge) => pop !== null && popFor === badge,
    get open() { return pop !== null; },
  };
}

export { create };
