/**
 * Where an element's language and direction come from when nobody set them on it: the page's
 * markup around it (`lang`, `dir`), read across shadow roots, and kept up to date when it changes.
 */

/** A locale as an editor may write it: "en_US" (the commonest CMS spelling) is "en-US"; null when `Intl` can't take it. */
export function normalizeLocale(tag: string): string | null {
  const t = tag.trim().replace(/_/g, '-');
  if (!t) return null;
  try {
    return Intl.getCanonicalLocales(t)[0] ?? null;
  } catch {
    return null;
  }
}

/** The next element up: the parent, or the host of the shadow root the element is in. */
function up(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The language of the closest `[lang]` from `el` up (across shadow roots), else the document's, else the browser's. */
export function pageLocale(el: Element): string {
  for (let n: Element | null = el; n; n = up(n)) {
    const lang = n.getAttribute('lang');
    const locale = lang ? normalizeLocale(lang) : null;
    if (locale) return locale;
  }
  return normalizeLocale(document.documentElement.lang) ?? normalizeLocale(navigator.language) ?? 'en';
}

/** The direction of the closest `[dir="ltr|rtl"]` above `el` (across shadow roots); undefined when none says. */
export function surroundingDir(el: Element): 'ltr' | 'rtl' | undefined {
  for (let n = up(el); n; n = up(n)) {
    const dir = n.getAttribute('dir')?.toLowerCase();
    if (dir === 'ltr' || dir === 'rtl') return dir;
  }
  return undefined;
}

/** What changes the language or direction around an element. */
const WATCHED: MutationObserverInit = { subtree: true, attributes: true, attributeFilter: ['lang', 'dir'] };

/** One observer per tree (the document, or a shadow root something is inside), shared by every element in it. */
const trees = new Map<Node, { observer: MutationObserver; listeners: Set<() => void> }>();

function watchTree(tree: Node, changed: () => void): () => void {
  let entry = trees.get(tree);
  if (!entry) {
    const listeners = new Set<() => void>();
    const observer = new MutationObserver(() => {
      for (const l of [...listeners]) l();
    });
    observer.observe(tree, WATCHED);
    entry = { observer, listeners };
    trees.set(tree, entry);
  }
  const { listeners, observer } = entry;
  listeners.add(changed);
  return () => {
    listeners.delete(changed);
    if (listeners.size) return;
    observer.disconnect();
    trees.delete(tree);
  };
}

/** The trees `el` sits in, innermost first: each shadow root up to the document (observed at its root element). */
function treesAround(el: Element): Node[] {
  const found: Node[] = [];
  for (let root = el.getRootNode(); ; ) {
    if (root instanceof ShadowRoot) {
      found.push(root);
      root = root.host.getRootNode();
    } else {
      found.push(root instanceof Document ? root.documentElement : root);
      return found;
    }
  }
}

/**
 * Calls `changed` after a `lang` or `dir` attribute changes anywhere `el`'s language can come from:
 * the document and every shadow root around it (a host framework may re-render a section there).
 * Call it while `el` is connected; it watches the trees `el` is in now. Returns the way to stop.
 */
export function watchLanguage(el: Element, changed: () => void): () => void {
  const stops = treesAround(el).map((tree) => watchTree(tree, changed));
  return () => {
    for (const stop of stops) stop();
  };
}
