// Unit tests for extension/shared/dataset-text.js: which translation of the dataset's text the
// interface's locale gets, field by field, and the fallback to the dataset's own text.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Text = require('../../extension/shared/dataset-text.js');

const company = {
  id: 'acme', name: 'Acme', summary: 'Makes rockets.', profile: [{ title: 'Business', text: 'Rockets.' }],
  translations: {
    de: { summary: 'Stellt Raketen her.', profile: [{ title: 'Geschäft', text: 'Raketen.' }] },
    'pt-BR': { summary: 'Fabrica foguetes.' },
    pt: { summary: 'Fabrica foguetões.', name: 'Acme PT' },
    es: { summary: '  ', profile: [] },
    'zh-Hans': { summary: '制造火箭。' },
  },
  category_details: [{ id: 'military', label: 'Military', description: 'Weapons.', color: '#b91c1c', translations: { de: { label: 'Militär' } } }],
};

test('the locale\'s own tag first, then the language alone, then another region of it', () => {
  assert.equal(Text.text(company, 'summary', 'de'), 'Stellt Raketen her.');
  assert.equal(Text.text(company, 'summary', 'de-AT'), 'Stellt Raketen her.', 'de-AT falls to de');
  assert.equal(Text.text(company, 'summary', 'pt-BR'), 'Fabrica foguetes.');
  assert.equal(Text.text(company, 'summary', 'pt_BR'), 'Fabrica foguetes.', "chrome.i18n's spelling");
  assert.equal(Text.text(company, 'summary', 'pt-PT'), 'Fabrica foguetões.', 'pt before pt-BR for pt-PT');
  assert.equal(Text.text(company, 'summary', 'zh-CN'), '制造火箭。', 'zh-CN takes zh-Hans, the only Chinese');
});

test('field by field, and the dataset\'s own text where a language has none', () => {
  assert.equal(Text.text(company, 'name', 'pt-BR'), 'Acme PT', 'pt-BR has no name: pt gives it');
  assert.equal(Text.text(company, 'name', 'de'), 'Acme', 'no German name: the original');
  assert.equal(Text.text(company, 'summary', 'fr'), 'Makes rockets.', 'no French at all');
  assert.equal(Text.text(company, 'summary', 'en'), 'Makes rockets.');
  assert.equal(Text.text(company, 'summary', 'es'), 'Makes rockets.', 'a blank translation is none');
  assert.equal(Text.text({ summary: 'Plain.' }, 'summary', 'de'), 'Plain.', 'no translations field');
  assert.equal(Text.text(company, 'summary', ''), 'Makes rockets.', 'no locale');
  assert.deepEqual(Text.profile(company, 'es'), company.profile, 'a profile without every section is not used');
  assert.deepEqual(Text.profile(company, 'de'), [{ title: 'Geschäft', text: 'Raketen.' }]);
  // A section's date and sources are its own in every language (issue 19).
  const dated = { ...company, profile: [{ title: 'Business', text: 'Rockets.', as_of: '2021-10-05', sources: ['https://example.org/a'] }] };
  assert.deepEqual(Text.profile(dated, 'de'), [{ title: 'Geschäft', text: 'Raketen.', as_of: '2021-10-05', sources: ['https://example.org/a'] }]);
});

test('a company view comes out in one language, without its translations', () => {
  const de = Text.company(company, 'de');
  assert.equal(de.summary, 'Stellt Raketen her.');
  assert.deepEqual(de.category_details, [{ id: 'military', label: 'Militär', description: 'Weapons.', color: '#b91c1c' }]);
  assert.equal('translations' in de, false);
  const en = Text.company(company, 'en');
  assert.equal(en.summary, 'Makes rockets.');
  assert.equal(en.category_details[0].label, 'Military');
  assert.equal(Text.company(undefined, 'de'), undefined);
  assert.deepEqual(Text.category({ id: 'x', label: 'X', description: 'D', translations: { fr: { description: 'Dé' } } }, 'fr-CA'),
    { id: 'x', label: 'X', description: 'Dé' });
});
