// Which part of a shop page a mention is in: the product on sale, the page's content, or its chrome
// (menus, footers, share and login buttons, cookie and other dialogs). By default only product and
// content mentions get a badge; chrome mentions are listed in the popup. DOM reads only, no writes.

  // Page chrome by its landmark or role. A <header> or <footer> inside an article or section is
  // that part's own header (the product title often sits in one), not the site's.
  const CHROME_ROLES = new Set(['banner', 'contentinfo', 'navigation', 'menu', 'menubar', 'dialog', 'alertdialog', 'search', 'toolbar', 'tablist']);
  const SECTIONING = 'article, aside, main, section, [role="main"], [role="article"]';
  // Class and id words that sites of every language use for chrome (the code is written in English
  // even where the shop is not). Whole words of the name only: "product-header" is not "header", and
  // "menu" must not catch "menuiserie".
  const CHROME_WORDS = new Set([
    'footer', 'nav', 'navbar', 'navigation', 'menu', 'megamenu', 'submenu', 'breadcrumb', 'breadcrumbs', 'cookie', 'cookies',
    'consent', 'gdpr', 'social', 'share', 'sharing', 'newsletter', 'payment', 'payments', 'login', 'signin', 'sign-in',
  ]);
  const WORD_SPLIT = /[^a-z0-9]+/;
  // Product fields: a mention inside one names what is on sale.
  const PRODUCT_SELECTOR = '[itemprop~="brand"], [itemprop~="manufacturer"], [itemprop~="name"], h1, [itemprop~="seller"]';

  // The names a site gives an element: its id and classes, and the test and role hooks that sites
  // whose classes are generated (hashed) still write in words (data-role="social-buttons").
  function namedChrome(el) {
    const hooks = `${el.getAttribute('data-role') ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
    const names = `${el.id} ${typeof el.className === 'string' ? el.className : ''} ${hooks}`.toLowerCase();
    if (names.length < 3) return false;
    for (const w of names.split(WORD_SPLIT)) if (CHROME_WORDS.has(w)) return true;
    return false;
  }
  function isChromeElement(el) {
    const tag = el.localName;
    if (tag === 'nav' || tag === 'dialog' || tag === 'button' || tag === 'select' || tag === 'label') return true;
    if ((tag === 'header' || tag === 'footer') && !el.parentElement?.closest(SECTIONING)) return true;
    const role = el.getAttribute('role');
    if (role && (CHROME_ROLES.has(role) || role === 'button')) return true;
    if (el.getAttribute('aria-modal') === 'true') return true;
    // A link to the site's own profile elsewhere (schema.org sameAs: its Facebook or YouTube page).
    if (/(^|\s)sameAs(\s|$)/.test(el.getAttribute('itemprop') ?? '')) return true;
    return namedChrome(el);
  }

  // region(anchor, title): 'product' | 'content' | 'chrome'. title: the product title element or
  // null. cache: a Map shared by one pass (ancestors are shared by most mentions).
  function create() {
    const chromeMemo = new WeakMap();
    function inChrome(el) {
      const path = [];
      let found = false;
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const known = chromeMemo.get(e);
        if (known !== undefined) { found = known; break; }
        path.push(e);
        if (isChromeElement(e)) { found = true; break; }
      }
      for (const e of path) chromeMemo.set(e, found);
      return found;
    }
    function region(anchor, title) {
      if (!anchor) return 'content';
      if ((title && (title === anchor || title.contains(anchor))) || anchor.closest(PRODUCT_SELECTOR)) {
        // An <h1> inside a dialog or menu is that dialog's heading, not the product's.
        if (!title?.contains(anchor) && inChrome(anchor)) return 'chrome';
        return 'product';
      }
      return inChrome(anchor) ? 'chrome' : 'content';
    }
    // Facts the page changed (a menu opened into a dialog) are read again after a reset.
    return { region, inChrome };
  }

export { create };
