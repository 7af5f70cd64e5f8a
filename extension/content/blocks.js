// Pure helpers for the content script: join text segments into scan batches and map hit offsets back.
// No DOM access here, so node --test can run it (tests/js/blocks.test.js).
(function (root) {
  'use strict';

  // U+2029 PARAGRAPH SEPARATOR: the wasm engine treats it as a block boundary; context rules stop at it.
  const SEP = '\u2029';

  // Tags whose elements start a new text block. A product tile or paragraph is usually one of these;
  // inline tags (a, span, b, em...) stay in their parent's block so "Whole <b>Foods</b> Market" joins up.
  const BLOCK_TAGS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BUTTON', 'CAPTION', 'DD', 'DETAILS', 'DIALOG',
    'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
    'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'OPTION', 'P', 'PRE', 'SECTION',
    'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  ]);

  // HTML tag names are upper case already; the fallback serves XHTML and SVG-embedded documents.
  function isBlockTag(tagName) {
    return BLOCK_TAGS.has(tagName) || BLOCK_TAGS.has(String(tagName).toUpperCase());
  }

  // segments: [{ref, block, text, own?}] in document order (ref = a text node, or an element whose
  // attribute text this is, block = its block element). Consecutive segments with the same block
  // form one block; an `own` segment (alt, aria-label, title) stays in its block, so one badge per
  // company per block still holds, but is set apart by SEP so its words never join the text's. Returns batches, each
  // {text, segs: [{ref, block, start, end, refStart}]}, where text is whole blocks joined by SEP and
  // [start, end) is a segment's span in text, refStart the offset in ref's own data where it begins.
  // A batch holds at most maxChars of text unless one block alone is longer; such a block is cut
  // (at segment boundaries, or inside a huge text node) into pieces of maxChars, a rare case
  // (one giant <pre>) where a match straddling the cut is lost.
  function buildBatches(segments, maxChars) {
    if (!(maxChars > 0)) throw new RangeError('maxChars must be positive');
    const blocks = [];
    let cur = null;
    for (const s of segments) {
      if (!s.text) continue;
      if (!cur || cur.block !== s.block) {
        cur = { block: s.block, parts: [], length: 0, blank: true, breakNext: false };
        blocks.push(cur);
      }
      // Cut huge text nodes so that no single part exceeds maxChars.
      const breakBefore = Boolean(s.own) || cur.breakNext;
      for (let i = 0; i < s.text.length; i += maxChars) {
        const text = s.text.slice(i, i + maxChars);
        cur.parts.push({ ref: s.ref, text, refStart: i, breakBefore: i === 0 && breakBefore });
        cur.length += text.length;
      }
      cur.breakNext = Boolean(s.own);
      if (cur.blank && /\S/.test(s.text)) cur.blank = false;
    }

    const batches = [];
    let batch = null;
    const flush = () => { if (batch && batch.text) batches.push(batch); batch = null; };
    for (const b of blocks) {
      if (b.blank) continue; // whitespace-only blocks cannot match anything
      let first = true;
      for (const p of b.parts) {
        const sep = first || p.breakBefore;
        const need = p.text.length + (sep ? 1 : 0);
        if (batch && batch.text.length + need > maxChars) flush();
        if (!batch) batch = { text: '', segs: [] };
        else if (sep) batch.text += SEP;
        // The continuation of a cut block starts a fresh batch without a SEP: still the same block.
        const start = batch.text.length;
        batch.text += p.text;
        batch.segs.push({ ref: p.ref, block: b.block, start, end: batch.text.length, refStart: p.refStart });
        first = false;
      }
    }
    flush();
    return batches;
  }

  // Finds the segment holding a UTF-16 offset of batch text. For a start offset the segment must
  // contain the character at offset; for an end offset (exclusive) the character before it.
  // Returns {ref, block, offset} with offset inside ref's data, or null (offset on a separator).
  function locate(segs, offset, isEnd) {
    let lo = 0, hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segs[mid];
      const inside = isEnd ? (offset > s.start && offset <= s.end) : (offset >= s.start && offset < s.end);
      if (inside) return { ref: s.ref, block: s.block, offset: s.refStart + offset - s.start };
      if ((isEnd ? offset <= s.start : offset < s.start)) hi = mid - 1;
      else lo = mid + 1;
    }
    return null;
  }

  // hits: flat [start, end, kind, entry, ...] relative to batch.text. Returns
  // [{start:{ref,offset}, end:{ref,offset}, block, kind, entry}], dropping hits that cannot be
  // mapped or that cross a block boundary (the engine should never report those).
  function mapHits(batch, hits) {
    const out = [];
    for (let i = 0; i + 3 < hits.length; i += 4) {
      const a = locate(batch.segs, hits[i], false);
      const b = locate(batch.segs, hits[i + 1], true);
      if (!a || !b || a.block !== b.block) continue;
      out.push({
        start: { ref: a.ref, offset: a.offset },
        end: { ref: b.ref, offset: b.offset },
        block: a.block, kind: hits[i + 2], entry: hits[i + 3],
      });
    }
    return out;
  }

  // Keeps the first mapped hit per (block, company): one badge per company per block keeps a
  // product grid readable (the field's top complaint about peers is badge/popup fatigue).
  function onePerCompany(mapped, companyOf) {
    const seen = new Map(); // block -> Set(company id)
    const out = [];
    for (const m of mapped) {
      const company = companyOf(m.entry);
      if (company == null) continue;
      let set = seen.get(m.block);
      if (!set) seen.set(m.block, (set = new Set()));
      if (set.has(company)) continue;
      set.add(company);
      out.push(m);
    }
    return out;
  }

  // Text-node hits before attribute hits of the same block (stable otherwise), so that the block's
  // one badge sits at the visible words and can be underlined; an alt or title only badges a block
  // whose text does not name the company.
  function textFirst(mapped, isText) {
    const byBlock = new Map();
    for (const m of mapped) {
      let list = byBlock.get(m.block);
      if (!list) byBlock.set(m.block, (list = []));
      list.push(m);
    }
    const out = [];
    for (const list of byBlock.values()) out.push(...list.filter((m) => isText(m.start.ref)), ...list.filter((m) => !isText(m.start.ref)));
    return out;
  }

  const api = { SEP, BLOCK_TAGS, isBlockTag, buildBatches, locate, mapHits, onePerCompany, textFirst };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryBlocks = api;
})(globalThis);
