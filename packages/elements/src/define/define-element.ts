import { setElementLoader } from '../shared/element-loader.js';
import { elementLoaders } from './elements.js';

/** What registration reads from a class: the tags it renders (CaseElement's `static dependencies`). */
type ElementClass = CustomElementConstructor & { readonly dependencies?: readonly string[] };

export interface DefineOptions {
  /**
   * `now` (the define/*.js entries): start loading the tags the element renders at once.
   * `on-demand` (the single file): load each when something asks for it (an element about to
   * render it, or the idle preload), so the first screen fetches only its own code.
   */
  dependencies?: 'now' | 'on-demand';
}

/**
 * Registers a tag unless something already did: two copies of the library on one page
 * (or a host that registered its own subclass) must not throw "already defined".
 * Its `static dependencies` follow, now or on demand.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, options: DefineOptions = {}): void {
  setElementLoader(loadElement);
  if (!customElements.get(tag)) customElements.define(tag, ctor);
  if ((options.dependencies ?? 'now') === 'now') {
    for (const dep of dependenciesOf(ctor)) {
      loadElement(dep).catch((e: unknown) => console.warn(`case-portal: <${dep}> did not load`, e));
    }
  }
}

const loading = new Map<string, Promise<void>>();

/**
 * Defines `tag` from the registry (elements.ts) with everything it renders, and resolves when
 * all of it is defined. The tag itself is defined last, so "defined" means ready to render whole.
 * A failed load (offline, a missing chunk) rejects and is forgotten: the next call tries again.
 * A tag outside the registry (a host's own element) is waited for.
 */
export function loadElement(tag: string): Promise<void> {
  let done = loading.get(tag);
  if (!done) {
    done = load(tag);
    loading.set(tag, done);
    done.catch(() => loading.delete(tag));
  }
  return done;
}

async function load(tag: string): Promise<void> {
  const defined = customElements.get(tag);
  const loader = elementLoaders[tag];
  if (!defined && !loader) await customElements.whenDefined(tag);
  const ctor = defined ?? (loader ? await loader() : customElements.get(tag)!);
  await Promise.all(dependenciesOf(ctor).map(loadElement));
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

function dependenciesOf(ctor: CustomElementConstructor): readonly string[] {
  return (ctor as ElementClass).dependencies ?? [];
}
