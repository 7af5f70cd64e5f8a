// Unit tests for extension/content/structured.js: brands from JSON-LD product data.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const S = require('../../extension/content/structured.js');

test('Product.brand as a string, an object, or inside @graph', () => {
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify({ '@type': 'Product', brand: 'Ring' })]), ['Ring']);
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify({ '@type': 'Product', brand: { '@type': 'Brand', name: 'Zappos®' } })]), ['Zappos']);
  const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': ['Product'], manufacturer: { name: 'Amazon' }, brand: [{ name: 'Ring' }] }] };
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify(graph)]), ['Ring', 'Amazon']);
});

test('types written as full IRIs count; other types and broken blocks do not', () => {
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify({ '@type': 'http://schema.org/Product', brand: 'Ring' })]), ['Ring']);
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify({ '@type': 'Organization', brand: 'Ring' }), '{not json', '']), []);
});

test('nested products (ItemPage.mainEntity) and duplicates across blocks', () => {
  const page = { '@type': 'ItemPage', mainEntity: { '@type': 'Product', brand: { name: 'Ring' } } };
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify(page), JSON.stringify({ '@type': 'Product', brand: 'ring' })]), ['Ring']);
});

test('over-long names are ignored', () => {
  assert.deepEqual(S.brandsFromJsonLd([JSON.stringify({ '@type': 'Product', brand: 'x'.repeat(500) })]), []);
});
