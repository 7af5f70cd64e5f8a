// extension/shared/brand.js: the organizer's --color becomes the pages' accent (issue 20: it was
// written to config.json and never read), only where it stays readable.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { accentCss } = require('../../extension/shared/brand.js');

test('a dark enough #rrggbb becomes the light scheme accent, focus ring and hover tint', () => {
  const css = accentCss('#0f766e');
  assert.match(css, /prefers-color-scheme: light/);
  assert.match(css, /--accent: #0f766e;/);
  assert.match(css, /--focus: #0f766e;/);
  assert.match(css, /--hover: rgba\(15, 118, 110, \.10\)/);
});

test('colours too light for white text, and anything not #rrggbb, keep the default', () => {
  for (const bad of ['#ffff00', '#a0a0a0', 'red', '#0f7', '#0f766e; } body { display: none', null, undefined]) {
    assert.equal(accentCss(bad), null, String(bad));
  }
});
