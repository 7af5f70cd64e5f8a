// Pure helpers for the content script: join page text into scan batches and map hit offsets back.
// No DOM access here, so node --test can run it (tests/js/blocks.test.js).

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

  // HTML tag names are upper case already; the fallback serves XHTML and SVG-embedded documents,
  // whose names end in a lower-case letter (an inline SPAN or A must not pay for toUpperCase).
  function isBlockTag(tagName) {
    if (BLOCK_TAGS.has(tagName)) return true;
    const s = String(tagName);
    return s.charCodeAt(s.length - 1) >= 97 && BLOCK_TAGS.has(s.toUpperCase());
  }

  // Whitespace as JavaScript's \s knows it, at least one character of it. Anchored, so a text that
  // starts with a letter fails at once: one built-in call, which the walk makes itself for each text
  // node (a test of the first character before an unanchored RegExp was no faster there).
  const BLANK = /^\s+$/;
  const blankText = (s) => BLANK.test(s);

  // Joins text into scan batches while the page is still being walked, so no second pass over the
  // page's text is needed and each batch can go to the matcher as soon as it is full.
  // Feed it in document order: text(ref, block, text) for a text node (or space() for one of only
  // whitespace, whose block need not be known; word() for one known not to be), attr(ref, block,
  // text) for an alt/aria-label/title (own: it stays in its block, so one badge per company per block still
  // holds, but is set apart by SEP so its words never join the text's), then end(). Consecutive
  // pieces with the same block form one run; runs are joined with SEP, the pieces of a run directly.
  // A whitespace-only text node becomes one space between its neighbours ("Whole</b> <b>Foods" is
  // "Whole Foods", not "WholeFoods") and is dropped at the start of a run; a run of whitespace only
  // is dropped. emit(batch) receives each batch: {text, refs, blocks, starts, ends, refStarts}, parallel
  // arrays with one entry per piece of page text: [starts[i], ends[i]) is its span in text,
  // refStarts[i] the offset in refs[i]'s own data where it begins (synthetic spaces have no entry).
  // A batch holds at most maxChars of text and only whole runs unless one run alone is longer; such
  // a run is cut (between pieces, or inside a huge text node) into batches of maxChars, a rare case
  // (one giant <pre>) where a match straddling the cut is lost.
  function createBatcher(maxChars, emit) {
    if (!(maxChars > 0)) throw new RangeError('maxChars must be positive');
    let parts = [], refs = [], blocks = [], starts = [], ends = [], refStarts = [], length = 0;
    // The open run: its block, and where it began in this batch (in parts, in pieces and in text);
    // runPart is -1 until its first piece that is not whitespace. Pieces go straight into the batch:
    // a run that outgrows the batch is moved to the next one, which happens once per batch at most.
    let block, runPart = -1, runPiece = 0, runStart = 0, sepNext = false, spaced = false;

    function piece(ref, t, sep, refStart) {
      if (runPart < 0) {
        if (length > 0 && length + 1 + t.length > maxChars) flush();
        if (length > 0) { parts.push(SEP); length += 1; }
        runPart = parts.length; runPiece = refs.length; runStart = length;
        sep = false;
      } else if (length + t.length + (sep ? 1 : 0) > maxChars) {
        if (runStart > 0) moveRun();
        if (length + t.length + (sep ? 1 : 0) > maxChars) {
          // A run longer than a batch is cut here; its continuation starts the next batch without a
          // SEP (it is still the same block).
          flush();
          runPart = runPiece = runStart = 0;
          sep = false;
        }
      }
      if (sep) { parts.push(SEP); length += 1; }
      if (ref !== null) { refs.push(ref); blocks.push(block); starts.push(length); ends.push(length + t.length); refStarts.push(refStart); }
      parts.push(t);
      length += t.length;
    }
    // The batch so far without the open run goes out; the run starts the next batch.
    function moveRun() {
      emit({ text: parts.slice(0, runPart - 1).join(''), refs: refs.slice(0, runPiece), blocks: blocks.slice(0, runPiece),
        starts: starts.slice(0, runPiece), ends: ends.slice(0, runPiece), refStarts: refStarts.slice(0, runPiece) });
      const shift = (x) => x - runStart;
      parts = parts.slice(runPart); refs = refs.slice(runPiece); blocks = blocks.slice(runPiece);
      starts = starts.slice(runPiece).map(shift); ends = ends.slice(runPiece).map(shift); refStarts = refStarts.slice(runPiece);
      length -= runStart;
      runPart = runPiece = runStart = 0;
    }
    function flush() {
      if (length > 0) emit({ text: parts.join(''), refs, blocks, starts, ends, refStarts });
      parts = []; refs = []; blocks = []; starts = []; ends = []; refStarts = []; length = 0;
    }
    function newRun(blk) {
      block = blk;
      runPart = -1;
      sepNext = spaced = false;
    }
    function add(ref, t, sep) {
      if (t.length <= maxChars) piece(ref, t, sep, 0);
      else { // a huge text node, cut into pieces of maxChars, never inside a surrogate pair
        for (let i = 0, j; i < t.length; i = j) {
          j = Math.min(i + maxChars, t.length);
          if (j < t.length && j - i > 1 && (t.charCodeAt(j - 1) & 0xfc00) === 0xd800) j -= 1;
          piece(ref, t.slice(i, j), sep && i === 0, i);
        }
      }
    }
    function text(ref, blk, t) {
      if (!t || blankText(t)) {
        if (blk !== block) newRun(blk);
        if (t) space();
        return;
      }
      word(ref, blk, t);
    }
    // text() for a text node the caller already knows is not blank (the walk tests every node).
    function word(ref, blk, t) {
      if (blk !== block) newRun(blk);
      if (!t) return;
      if (t.length <= maxChars) piece(ref, t, sepNext, 0);
      else add(ref, t, sepNext);
      sepNext = spaced = false;
    }
    // A whitespace-only text node whose block is not known (the walk does not look it up): a space
    // in the open run, if that run has begun; a later piece of another block ends the run anyway.
    function space() {
      if (runPart >= 0 && !sepNext && !spaced) { piece(null, ' ', false, 0); spaced = true; }
    }
    function attr(ref, blk, t) {
      if (blk !== block) newRun(blk);
      if (!t || blankText(t)) return;
      add(ref, t, true);
      sepNext = true;
      spaced = false;
    }
    // A line break (<br>) inside a block: the next piece starts a run of its own, as src/page_text.rs
    // starts a block there, so "Chip<br>Android" is two words, never "ChipAndroid".
    function cut() {
      if (runPart >= 0) { runPart = -1; sepNext = spaced = false; }
    }
    function end() { flush(); block = undefined; runPart = -1; }
    return { text, word, space, cut, attr, end };
  }

  // The same for a finished list of segments [{ref, block, text, own?}] in document order (own:
  // an attribute text); returns the batches.
  function buildBatches(segments, maxChars) {
    const out = [];
    const b = createBatcher(maxChars, (x) => out.push(x));
    for (const s of segments) (s.own ? b.attr : b.text)(s.ref, s.block, s.text);
    b.end();
    return out;
  }

  // A batch's pieces as objects [{ref, block, start, end, refStart}], for tests and debugging.
  const segments = (batch) => batch.refs.map((ref, i) => ({ ref, block: batch.blocks[i], start: batch.starts[i], end: batch.ends[i], refStart: batch.refStarts[i] }));

  // Finds the piece of a batch holding a UTF-16 offset of its text. For a start offset the piece must
  // contain the character at offset; for an end offset (exclusive) the character before it.
  // Returns {ref, block, offset} with offset inside ref's data, or null (a separator or a space).
  function locate(batch, offset, isEnd) {
    const { starts, ends } = batch;
    let lo = 0, hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid], e = ends[mid];
      const inside = isEnd ? (offset > s && offset <= e) : (offset >= s && offset < e);
      if (inside) return { ref: batch.refs[mid], block: batch.blocks[mid], offset: batch.refStarts[mid] + offset - s };
      if ((isEnd ? offset <= s : offset < s)) hi = mid - 1;
      else lo = mid + 1;
    }
    return null;
  }

  // hits: flat [start, end, kind, entry, ...] relative to batch.text. Returns
  // [{start:{ref,offset}, end:{ref,offset}, block, kind, entry}], dropping hits that cannot be
  // mapped or that cross a block boundary (the engine should never report those).
  function mapHits(batch, hits) {
    const out = [];
    for (let i = 0; i + 4 < hits.length; i += 5) {
      const a = locate(batch, hits[i], false);
      const b = locate(batch, hits[i + 1], true);
      if (!a || !b || a.block !== b.block) continue;
      out.push({
        start: { ref: a.ref, offset: a.offset },
        end: { ref: b.ref, offset: b.offset },
        block: a.block, kind: hits[i + 2], entry: hits[i + 3], rule: hits[i + 4],
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

  // Text-node hits before attribute hits (stable otherwise), so that a block's one badge sits at the
  // visible words and can be underlined; an alt or title only badges a block whose text does not
  // name the company. One partition of the whole list: the walk already sends a block's attribute
  // texts after its text, so this only guards that order; grouping by block first (as it did) took
  // 3 ms of a CPU profile of newegg (bench/profile.mjs --lines).
  function textFirst(mapped, isText) {
    const text = [], attrs = [];
    for (const m of mapped) (isText(m.start.ref) ? text : attrs).push(m);
    return attrs.length ? text.concat(attrs) : text;
  }

export { SEP, BLOCK_TAGS, isBlockTag, BLANK, blankText, createBatcher, buildBatches, segments, locate, mapHits, onePerCompany, textFirst };
