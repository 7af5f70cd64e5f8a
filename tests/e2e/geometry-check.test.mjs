// The geometry check itself (scripts/lib/geometry.mjs) finds each kind of misplaced badge: a page
// with a stand-in overlay (a closed shadow root of badge buttons, placed by hand where the
// extension would go wrong) must give exactly the violations planted in it, and none for the badge
// placed right. Independent of where the extension places badges, so it holds across its changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../../scripts/lib/browser.mjs';
import { checkGeometry } from '../../scripts/lib/geometry.mjs';

const PAGE = `<!doctype html><meta charset=utf-8><style>
  body { margin: 0; font: 16px/24px sans-serif; height: 3000px; }
  .t { position: absolute; margin: 0; white-space: nowrap; }
  #banner { position: fixed; top: 200px; left: 0; right: 0; height: 60px; background: #eee; }
  #tile { position: absolute; left: 600px; top: 300px; display: block; width: 200px; }
  .icon { display: inline-block; width: 40px; height: 20px; background: #ccc; } /* an image without the wait for one */
</style>
<p class=t id=acme style="left:20px;top:20px">Acme Widget and more words after it</p>
<p class=t id=globex style="left:20px;top:80px">Globex</p>
<p class=t id=initech style="right:6px;top:140px">Initech</p>
<p class=t id=umbrella style="left:20px;top:210px">Umbrella</p>
<div id=banner></div>
<p class=t style="left:20px;top:320px"><a id=hooli href="#" title="Hooli Phone"><span class=icon></span></a></p>
<a id=tile href="#" title="Initrode Tile"><span class=icon style="width:100px;height:100px"></span><br><span>Blue widget, 2 pack</span></a>
<p class=t id=vandelay style="left:20px;top:400px">Vandelay Industries and Vandelay again</p>
<p id=soylent style="position:absolute;left:20px;top:460px;margin:0;width:48ch;font:16px/24px monospace">xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx Soylent Green</p>`;

// The stand-in overlay: the extension's element name, a closed root, badges 16 px at the end of the
// last box of their text (the extension's placement today) unless told where.
function plant(withRect) {
  const host = document.createElement('backstory-overlay');
  host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483647';
  const root = host.attachShadow({ mode: 'closed' });
  document.documentElement.append(host);
  const endOf = (id, word, nth = 0) => {
    const t = document.getElementById(id).firstChild;
    let i = -1;
    for (let k = 0; k <= nth; k++) i = t.data.indexOf(word, i + 1);
    const r = document.createRange();
    r.setStart(t, i);
    r.setEnd(t, i + word.length);
    const rs = r.getClientRects();
    return rs[rs.length - 1];
  };
  const badge = (title, x, y, extra = {}) => {
    const b = document.createElement('button');
    b.className = 'badge';
    b.title = title;
    b.style.cssText = `position:absolute;box-sizing:border-box;width:16px;height:16px;left:${x}px;top:${y}px;padding:0;border:0`;
    for (const [k, v] of Object.entries(extra)) b.setAttribute(k, v);
    root.append(b);
  };
  const at = (title, r, extra) => badge(title, Math.round(r.right - 1), Math.round(r.top - 6), extra);
  at('Acme Widget: Acme', endOf('acme', 'Acme Widget')); // the next word is under it
  at('Globex: Globex Corp', endOf('globex', 'Globex')); // right
  at('Initech: Initech', endOf('initech', 'Initech')); // past the right edge
  at('Umbrella: Umbrella Corp', endOf('umbrella', 'Umbrella')); // under the fixed banner
  // Titles' badges: 12 px right of the link that carries the title (near enough to be its badge,
  // away from its box), and at the end of a product tile's text, far down the tile.
  const hooli = document.getElementById('hooli').getBoundingClientRect();
  badge('Hooli: Hooli', Math.round(hooli.right + 12), Math.round(hooli.top - 6));
  const last = (el) => { const r = document.createRange(); r.selectNodeContents(el); const rs = r.getClientRects(); return rs[rs.length - 1]; };
  at('Initrode Tile: Initrode', last(document.getElementById('tile')));
  badge('Nowhere Inc: Nowhere', 700, 600); // no such text anywhere
  badge('Globex: Globex Corp', 0, 0, { hidden: '' }); // hidden: not checked
  // 30 px above and right of the second "Vandelay", in empty space: too far to be found by looking,
  // found when the badge says which box it belongs to (in the overlay's coordinates, which are the
  // page's here: the host sits at 0,0 of the document).
  const v = endOf('vandelay', 'Vandelay', 1);
  const extra = withRect ? { 'data-anchor-rect': `${v.left + scrollX},${v.top + scrollY},${v.width},${v.height}` } : {};
  badge('Vandelay: Vandelay', Math.round(v.right + 30), Math.round(v.top - 36), extra);
  // A name that wraps ("Soylent" ends one line, "Green" starts the next), badged right above its
  // first word, as the extension's "above the start" spot does: near its first box, far from its last
  // (bol.com in Firefox at 390 px once counted as unanchored).
  const t = document.getElementById('soylent').firstChild;
  const w = document.createRange();
  w.setStart(t, t.data.indexOf('Soylent'));
  w.setEnd(t, t.data.length);
  const ws = w.getClientRects(), head = ws[0], tail = ws[ws.length - 1];
  badge('Soylent Green: Soylent', Math.round(head.left), Math.round(head.top - 18),
    withRect ? { 'data-anchor-rect': `${tail.left + scrollX},${tail.top + scrollY},${tail.width},${tail.height}` } : {});
}

let browser;
const shots = join(tmpdir(), `backstory-geometry-check-${process.pid}`);
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); rmSync(shots, { recursive: true, force: true }); });

test('each planted misplacement is found, with its kind, and the right badge passes', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(PAGE);
  await page.evaluate(plant, true);
  const g = await checkGeometry(page, { stops: 1, shots, name: 'planted' });
  const found = g.violations.map((v) => `${v.kind} ${v.title.split(':')[0]}`).sort();
  assert.deepEqual(found, ['attribute Hooli', 'attribute Initrode Tile', 'covered Umbrella', 'text Acme Widget', 'unanchored Nowhere Inc', 'viewport Initech'], JSON.stringify(g.violations, null, 1));
  assert.equal(g.badges, 10);
  assert.match(g.violations.find((v) => v.title.startsWith('Hooli')).detail, /away from/);
  assert.match(g.violations.find((v) => v.title.startsWith('Initrode')).detail, /px down/);
  assert.match(g.violations.find((v) => v.kind === 'text').detail, /"an/);
  assert.match(g.violations.find((v) => v.kind === 'covered').detail, /div#banner \(fixed\)/);
  for (const v of g.violations.filter((x) => x.kind !== 'viewport')) assert.ok(v.shot && existsSync(v.shot), `no crop for ${v.kind}`);
  await page.close();
});

test('data-anchor-rect on a badge names its text; without it a badge away from its text is unanchored', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.setContent(PAGE);
  await page.evaluate(plant, false);
  const g = await checkGeometry(page, { stops: 1 });
  assert.deepEqual(g.violations.filter((x) => x.title.startsWith('Vandelay')).map((x) => x.kind), ['unanchored']);
  // With the attribute (the first test) the same badge had no violation at all: its box was known.
  await page.close();
});
