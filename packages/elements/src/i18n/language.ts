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

/** Elements to tell when a `lang` or `dir` attribute changes anywhere in the document. */
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/**
 * Calls `changed` after any `lang` or `dir` attribute in the document changes (one observer for
 * every element on the page; attributes inside shadow roots are the elements' own business).
 * Returns the way to stop.
 */
export function watchLanguage(changed: () => void): () => void {
  listeners.add(changed);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const l of [...listeners]) l();
    });
    observer.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['lang', 'dir'] });
  }
  return () => {
    listeners.delete(changed);
    if (!listeners.size) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
