// End-to-end: the card a badge opens never cuts its own words (issue 17: a two-line clamp hid the
// reason and disclaimers such as "not the Motorola phone brand"). On a page of the bundled dataset,
// the summary shows whole; in a window shorter than the card, the card stays inside the window,
// scrolls inside itself from the keyboard, and shows that it has the focus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch, onOverlayElement, waitForOverlay } from '../../scripts/lib/browser.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const DISCLAIMER = 'not the Motorola phone brand, which Lenovo owns';
let server, browser, page;

before(async () => {
  server = await serve(PAGES);
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`${server.url}card.html`);
  await waitForOverlay(page, (o) => o.badges.some((b) => b.box));
});
after(async () => { await browser?.close(); await server?.close(); });

// Measures the open card inside the overlay's closed shadow root, through CDP (pages cannot reach
// it): the card's and its summary's sizes, where the card sits, and whether its focus shows.
const measureCard = () => onOverlayElement(page, 'bs-card', `function () {
  const box = (e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight, scrollTop: e.scrollTop });
  const r = this.getBoundingClientRect();
  // The last part in reading order (the × button sits at the top, whatever its place in the DOM).
  const last = [...this.children].filter((e) => !e.matches('.bs-close')).at(-1)?.getBoundingClientRect();
  const summary = this.querySelector('.bs-summary');
  return {
    card: { ...box(this), top: r.top, bottom: r.bottom }, summary: { ...box(summary), text: summary.textContent },
    viewport: innerHeight, focused: this.matches(':focus'), focusVisible: this.matches(':focus-visible'),
    outline: getComputedStyle(this).outlineStyle, lastShown: Boolean(last) && last.top >= r.top && last.bottom <= r.bottom,
  };
}`);

async function openByKeyboard() {
  // A card left open by a failed test first closes.
  if ((await waitForOverlay(page, () => true)).cardText) await page.keyboard.press('Escape');
  // What the commands-API shortcut sends: the first badge takes the focus; Enter opens its card.
  await browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await chrome.tabs.sendMessage(tab.id, { type: 'cycleBadges' });
  });
  await page.keyboard.press('Enter');
  await waitForOverlay(page, (o) => o.cardText, 5000);
}

test('the card shows its whole summary, the disclaimer included', async () => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await openByKeyboard();
  const m = await measureCard();
  assert.match(m.summary.text, new RegExp(DISCLAIMER));
  assert.ok(m.summary.scrollHeight <= m.summary.clientHeight, `summary cut: ${JSON.stringify(m.summary)}`);
  assert.ok(m.card.scrollHeight <= m.card.clientHeight, 'a card that fits the window does not scroll');
  await page.keyboard.press('Escape');
  await waitForOverlay(page, (o) => !o.cardText, 5000);
});

test('in a window shorter than the card, it stays inside, scrolls by keyboard, and its focus shows', async () => {
  await page.setViewportSize({ width: 800, height: 200 });
  try {
    await openByKeyboard();
    const before = await measureCard();
    assert.ok(before.card.top >= 0 && before.card.bottom <= before.viewport, `card outside the window: ${JSON.stringify(before.card)}`);
    assert.ok(before.card.scrollHeight > before.card.clientHeight, 'the card scrolls inside itself');
    assert.equal(before.focused, true, 'the card has the focus, so the keyboard scrolls it');
    assert.equal(before.focusVisible && before.outline, 'solid', 'opened by a key, its focus shows');
    await page.keyboard.press('End');
    await page.waitForTimeout(300); // smooth scrolling may animate
    const after = await measureCard();
    assert.ok(after.card.scrollTop > 0, 'End scrolled the card');
    assert.equal(after.lastShown, true, 'its last part came into view');
    await page.keyboard.press('Escape');
  } finally {
    await page.setViewportSize({ width: 1200, height: 900 });
  }
});

test('issue 19: a brand run under licence says by whom, and the card dates the reason', async () => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.url}licence.html`);
  await waitForOverlay(page, (o) => o.badges.some((b) => b.box));
  await openByKeyboard();
  const { cardText } = await waitForOverlay(page, (o) => o.cardText, 5000);
  assert.match(cardText, /Honeywell Home: a brand of Honeywell, run under licence by Resideo/);
  assert.match(cardText, /Listed by AFSC Investigate under Occupations \(July 2025\)/, 'why it is listed, with category and date');
  assert.match(cardText, /As of July 1, 2025/, "the company's facts' own date");
  await page.keyboard.press('Escape');
  await waitForOverlay(page, (o) => !o.cardText, 5000);
});
