// Main-thread timings of the content script for the benchmarks (bench/), kept apart from the pipeline.
// The benchmarks read `__backstoryStats` in the isolated world over the DevTools protocol (the page
// cannot see this world); nothing here is ever sent anywhere. Counters only, so a long-lived tab
// does not grow them.

// A slice is one synchronous stretch of our work between two awaits (a task, or part of one):
// mainMs sums the slices, from the script's first line to the last report, longestMs is the
// longest. The parts: setupMs (slices before the first scan pass: the top level, settings, the site
// check), walkMs (collection and batching, with the scan messages sent meanwhile), mapMs (offsets
// back to nodes), productMs (structured data), drawMs (visibility checks and badges), placeMs
// (badge positions), reportMs (findings); inside those, sendMs (the sending calls alone) and hostMs
// (the overlay's creation). underlineFrameMs is the browser's, not ours: the frame that paints the
// underline once its highlight is registered (overlay.js, commit). scanMs is time spent waiting
// for the background's answers.
// `live` gives what only the pipeline knows: {badges, findings, product, pending} as functions.
function create(live) {
  const stats = {
    mainMs: 0, longestMs: 0, slices: 0, setupMs: 0, walkMs: 0, sendMs: 0, mapMs: 0, productMs: 0, hostMs: 0, drawMs: 0,
    placeMs: 0, reportMs: 0, underlineFrameMs: 0, scanMs: 0, batches: 0, chars: 0, passes: 0, busy: 0,
    get badges() { return live.badges(); },
    get findings() { return live.findings(); },
    // Product mentions (title, brand fields, structured data) with a badge, and how many are shown.
    get product() { return live.product(); },
    // Work promised but not done yet: a look again after a scroll or resize, badges left for the
    // next frame. The geometry check waits for it before it reads badges.
    get pending() { return live.pending(); },
  };
  globalThis.__backstoryStats = stats;

  // begin()/end() bracket every synchronous stretch of ours; they nest, so a helper can bracket
  // its own stretch inside a caller's, and only the outermost pair makes a slice. `t` is when the
  // current slice began: the pipeline's time budget is measured from it.
  const clock = {
    t: 0, depth: 0,
    begin() { if (clock.depth++ === 0) clock.t = performance.now(); },
    end() {
      if (clock.depth === 0 || --clock.depth > 0) return;
      const d = performance.now() - clock.t;
      stats.mainMs += d;
      stats.slices += 1;
      if (d > stats.longestMs) stats.longestMs = d;
      if (!stats.passes && !stats.busy) stats.setupMs += d;
    },
    // One synchronous stretch: fn's return value, the slice ended even when fn throws.
    run(fn) {
      clock.begin();
      try { return fn(); } finally { clock.end(); }
    },
    // Adds the time since t0 (performance.now()) to one of the stats' parts.
    since(part, t0) { stats[part] += performance.now() - t0; },
    // Waits for a promise outside our slice: the wait is not our main-thread time. `part`, if
    // given, sums the wait itself (scanMs).
    async outside(promise, part) {
      clock.end();
      const t0 = performance.now();
      try { return await promise; } finally {
        if (part) stats[part] += performance.now() - t0;
        clock.begin();
      }
    },
  };
  return { stats, clock };
}

export { create };
