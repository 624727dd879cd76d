import { warmFormatters } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from './portal-setup.js';

/**
 * Work an element can do before its data arrives, so the first render of that data does less:
 * Lit prepares a template (parses its HTML, finds its parts) the first time one is rendered, and
 * V8 compiles a function the first time it runs. Rendering sample data once into a detached
 * fragment does both. A warm-up must be pure: no network, no storage writes, nothing visible.
 */
export type WarmUp = (setup: PortalSetup, i18n: I18n) => void;

const done = new Set<unknown>();

/**
 * Runs, once per page each, the formatters' and storage's warm-up for this locale and time zone
 * and the given element warm-ups, in an idle moment after setup: while the first data is on its
 * way, or before the customer opens a case.
 */
export function warmWhenIdle(setup: PortalSetup, i18n: I18n, warmUps: readonly WarmUp[]): void {
  const formatKey = `${i18n.locale}|${setup.viewer.timeZone ?? ''}`;
  const todo: (() => void)[] = [];
  if (!done.has(formatKey)) {
    done.add(formatKey);
    todo.push(() => warmFormatters(i18n.locale, setup.viewer.timeZone), openStorage);
  }
  for (const warm of warmUps) {
    if (done.has(warm)) continue;
    done.add(warm);
    todo.push(() => warm(setup, i18n));
  }
  if (todo.length === 0) return;
  // One idle callback per piece: each stays short, so input goes first.
  for (const run of todo) {
    const safe = () => {
      try {
        run();
      } catch (e) {
        // A warm-up is an optimisation: a failure only means the first real render does the work.
        console.warn('case-portal: warm-up failed', e);
      }
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(safe, { timeout: 1000 });
    else setTimeout(safe, 0);
  }
}

/** What warmElementWhenIdle reads from an element class: its own warm-ups and the tags it renders. */
export interface WarmableElement {
  readonly warmUps?: readonly WarmUp[];
  readonly dependencies?: readonly string[];
}

/**
 * An element's warm-ups and, through its `static dependencies`, those of every element it renders:
 * at once for tags already defined, and as soon as a lazily loaded one is (its chunk arrived).
 * This is how the portal and the case view reach the conversation's warm-up without importing it.
 */
export function warmElementWhenIdle(setup: PortalSetup, i18n: I18n, element: WarmableElement, seen = new Set<string>()): void {
  warmWhenIdle(setup, i18n, element.warmUps ?? []);
  for (const tag of element.dependencies ?? []) {
    if (seen.has(tag)) continue;
    seen.add(tag);
    const defined = customElements.get(tag) as WarmableElement | undefined;
    if (defined) warmElementWhenIdle(setup, i18n, defined, seen);
    else void customElements.whenDefined(tag).then((ctor) => warmElementWhenIdle(setup, i18n, ctor as WarmableElement, seen));
  }
}

/** The first read of localStorage in a page opens it (several ms here); drafts read it on the first render of a form or a conversation. */
function openStorage(): void {
  try {
    void globalThis.localStorage?.length;
  } catch {
    /* blocked storage: drafts live in memory */
  }
}
