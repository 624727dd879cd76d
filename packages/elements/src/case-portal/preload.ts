import { afterNextPaint } from '../shared/after-next-paint.js';
import { whenElementDefined } from '../shared/element-loader.js';

const watched = new WeakSet<Element>();

/**
 * Loads `tags` (and what they render) in an idle moment after `list` has painted its first
 * result, so opening a case finds its code here. After the paint, not before: while the list's
 * own request is in flight, a preload would compete with it. Once per list element.
 * "Painted" is the list's results no longer `aria-busy`, then a frame.
 */
export function preloadAfterListPainted(list: Element, tags: readonly string[]): void {
  if (watched.has(list) || tags.every((t) => customElements.get(t))) return;
  watched.add(list);
  void whenListPainted(list).then(() => {
    const preload = () => {
      for (const tag of tags) whenElementDefined(tag).catch(() => {/* the view reports it when opened */});
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(preload, { timeout: 2000 });
    else setTimeout(preload, 0);
  });
}

/**
 * Resolves once `list` has painted its first result (or its failure): its results no longer
 * `aria-busy`, then a frame. What the first screen does not need starts loading then.
 */
export function whenListPainted(list: Element): Promise<void> {
  return whenNotBusy(list).then(() => new Promise<void>((resolve) => afterNextPaint(resolve)));
}

async function whenNotBusy(list: Element): Promise<void> {
  await customElements.whenDefined(list.localName);
  await (list as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  const root = list.shadowRoot;
  if (!root) return;
  const done = () => root.querySelector('[part~="results"][aria-busy="false"]') !== null;
  if (done()) return;
  await new Promise<void>((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
}

const intentWatched = new WeakSet<Element>();
const INTENT_EVENTS = ['pointerover', 'pointerdown', 'focusin'] as const;

/**
 * Starts loading `tags` the moment the customer shows they may open a case: the pointer over a
 * row, a press on it, or keyboard focus inside it. A press to its click takes some 50–150 ms and
 * reaching for a row longer: the chunk is then fetched and compiled while the hand moves, not after
 * the click. Loads nothing the idle preload (above) has not already asked for, so it costs nothing
 * once that is done; a failed load is tried again on the next intent (loadElement forgets failures).
 */
export function preloadOnIntent(list: Element, tags: readonly string[]): void {
  if (intentWatched.has(list)) return;
  intentWatched.add(list);
  const onIntent = (e: Event) => {
    if (tags.every((t) => customElements.get(t))) return;
    if (!e.composedPath().some((n) => n instanceof Element && n.matches('[part~="row"]'))) return;
    for (const tag of tags) whenElementDefined(tag).catch(() => {/* the view reports it when opened */});
  };
  for (const type of INTENT_EVENTS) list.addEventListener(type, onIntent, { passive: true });
}
