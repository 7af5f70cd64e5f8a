// The organizer's accent colour (`backstory pack --color`, kept in config.json) on an extension
// page's links, primary buttons and focus rings, through the custom properties of ui/tokens.css.
// Only in the light scheme, and only a colour that keeps white text on it and it on white readable
// (WCAG AA, 4.5:1): the pages' colour pairs are all checked for contrast, and the dark scheme's
// light accent stays. A colour that fails keeps the default (`pack` says so when it packs it).
'use strict';
(function () {
  const api = globalThis.BackstoryApi;

  const channel = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  /** WCAG relative luminance of #rrggbb. */
  function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16)));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  /** The style sheet text for `color`, or null when it is not #rrggbb or too light for white. */
  function accentCss(color) {
    if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return null;
    if ((1.05) / (luminance(color) + 0.05) < 4.5) return null;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    return `@media (prefers-color-scheme: light) { :root { --accent: ${color}; --focus: ${color}; --hover: rgba(${r}, ${g}, ${b}, .10); } }`;
  }
  globalThis.BackstoryBrand = { accentCss };
  if (typeof module !== 'undefined') module.exports = { accentCss }; // node --test

  if (!api?.runtime?.getURL || typeof document === 'undefined') return;
  fetch(api.runtime.getURL('extension/data/config.json'))
    .then((r) => r.json())
    .then((config) => {
      const css = accentCss(config?.color);
      if (!css) return;
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
    })
    .catch(() => {}); // no config (an unpacked build without one): the default colours stay
})();
