// Reads a product's brand from the page's structured data: JSON-LD Product.brand/manufacturer,
// microdata itemprop=brand, and the product:brand meta tag. A brand stated there is certain, so it is
// flagged near the product title even where the text rules would hold back an ambiguous name.

  const MAX_JSONLD_CHARS = 200000; // a product block is a few KB; skip giant blobs rather than parse them
  const MAX_NAME = 120;

  const typeIs = (node, t) => [].concat(node?.['@type'] ?? []).some((x) => typeof x === 'string' && x.replace(/^.*[/#:]/, '') === t);
  function nameOf(v) {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return nameOf(v[0]);
    if (v && typeof v === 'object') return typeof v.name === 'string' ? v.name : nameOf(v.name);
    return null;
  }
  function clean(s) {
    if (typeof s !== 'string') return null;
    const t = s.replace(/[®™℠]/g, '').replace(/\s+/g, ' ').trim();
    return t && t.length <= MAX_NAME ? t : null;
  }

  // texts: the contents of every <script type="application/ld+json">. Returns brand names, in order,
  // without duplicates. Walks @graph, arrays and nested objects (ProductGroup, ItemPage.mainEntity).
  function brandsFromJsonLd(texts) {
    const out = [];
    const add = (s) => { const c = clean(s); if (c && !out.some((o) => o.toLowerCase() === c.toLowerCase())) out.push(c); };
    const visit = (node, depth) => {
      if (depth > 8 || node == null || typeof node !== 'object') return;
      if (Array.isArray(node)) { for (const n of node) visit(n, depth + 1); return; }
      if (typeIs(node, 'Product') || typeIs(node, 'ProductGroup') || typeIs(node, 'IndividualProduct')) {
        add(nameOf(node.brand));
        add(nameOf(node.manufacturer));
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'brand' && k !== 'manufacturer') visit(v, depth + 1);
    };
    for (const text of texts) {
      if (typeof text !== 'string' || text.length > MAX_JSONLD_CHARS) continue;
      try { visit(JSON.parse(text), 0); } catch { /* a broken block on the page is not our problem */ }
    }
    return out;
  }

  // Every element that can state a brand, found in one pass over the document (one selector list
  // costs one traversal; a query per kind cost one each, on every page).
  const JSONLD = 'script[type="application/ld+json"]';
  const FIELD = '[itemprop~="brand"], [itemprop~="manufacturer"]';
  const META = 'meta[property="product:brand"], meta[name="product:brand"]';
  const SOURCES = `${JSONLD}, ${FIELD}, ${META}`;

  // All brand names the document states, JSON-LD first, then microdata, then meta.
  function readBrands(doc) {
    const texts = [], fields = [], metas = [];
    for (const e of doc.querySelectorAll(SOURCES)) {
      if (e.matches(JSONLD)) { texts.push(e.textContent); continue; }
      if (e.matches(FIELD)) fields.push(e);
      if (e.matches(META)) metas.push(e);
    }
    const out = texts.length ? brandsFromJsonLd(texts) : []; // most pages have none: no call, no compile
    const add = (s) => { const c = clean(s); if (c && !out.some((o) => o.toLowerCase() === c.toLowerCase())) out.push(c); };
    for (const e of fields) {
      const inner = e.querySelector('[itemprop~="name"]');
      add(e.getAttribute('content') ?? inner?.getAttribute('content') ?? (inner ?? e).textContent);
    }
    for (const m of metas) add(m.getAttribute('content'));
    return out.slice(0, 5);
  }

  // The product title the badge goes next to: microdata name inside a Product, else the first <h1>.
  function titleElement(doc) {
    return doc.querySelector('[itemtype*="schema.org/Product"] [itemprop~="name"]:not(meta)') ?? doc.querySelector('h1');
  }

export { brandsFromJsonLd, readBrands, titleElement };
