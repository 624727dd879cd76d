import { toAdapterError } from '@case-portal/core';
import { CaseErrorEvent } from '../events.js';
import { createI18n, defaultLocale } from '../i18n/i18n.js';

/**
 * The single file's tags that a page writes itself (a standalone `<case-detail case-id>`, an
 * editor's `<case-create>` around their own form) load when they appear in the document: those
 * already there at once, those a CMS or a script adds later through one MutationObserver.
 * Tags our own elements render load through their `static dependencies` instead; a host's own
 * shadow roots are not watched (call `loadElement(tag)` there).
 *
 * A tag whose code fails to load (offline, a missing chunk) is reported once per attempt:
 * to the console and as a `case-error` (operation `load:<tag>`) on each of its elements, so
 * the host's error handling hears of it; the next time such an element is added it is tried again.
 */
export function autoloadTags(root: Document, tags: readonly string[], load: (tag: string) => Promise<void>): MutationObserver {
  const pending = new Set<string>();
  const selector = tags.join(',');
  const loadFound = (found: Iterable<Element>) => {
    for (const el of found) {
      const tag = el.localName;
      if (customElements.get(tag) || pending.has(tag)) continue;
      pending.add(tag);
      load(tag)
        .catch((e: unknown) => reportLoadFailure(root, tag, e))
        .finally(() => pending.delete(tag));
    }
  };
  loadFound(root.querySelectorAll(selector));
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        loadFound(node.matches(selector) ? [node, ...node.querySelectorAll(selector)] : node.querySelectorAll(selector));
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return observer;
}

function reportLoadFailure(root: Document, tag: string, e: unknown): void {
  const error = toAdapterError(e);
  const message = createI18n(defaultLocale()).t(`error.${error.code}`);
  console.error(`case-portal: <${tag}> did not load`, e);
  for (const el of root.querySelectorAll(tag)) el.dispatchEvent(new CaseErrorEvent(error, `load:${tag}`, message));
}
