import { ContextProvider } from '@lit/context';
import { navigatorContext, type PortalNavigator } from '../packages/elements/src/context.js';

/** Test helpers for markup spread over nested shadow roots (the portal holds list, detail, thread). */

/** The first match of `selector` in `root` or any open shadow root below it, depth first. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  const hit = root.querySelector<T>(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deepQuery<T>(el.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}

/** `selector` inside the shadow root of the first `host` element found through shadow roots. */
export function insideShadow<T extends Element = HTMLElement>(root: ParentNode, host: string, selector: string): T | null {
  return deepQuery(root, host)?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/**
 * A plain host that provides a portal navigator recording the cases it was asked to open, for
 * elements that navigate inside a portal. Made by hand: open-wc's fixture() waits for an animation
 * frame on plain elements, which a background test tab may not get. Call `remove()` when done.
 */
export function navigatorHost(): { host: HTMLElement; opened: string[]; remove(): void } {
  const opened: string[] = [];
  const nav: PortalNavigator = { openCase: (id) => opened.push(id), openList: () => {}, openCreate: () => {} };
  const host = document.createElement('div');
  document.body.append(host);
  new ContextProvider(host, { context: navigatorContext, initialValue: nav });
  return { host, opened, remove: () => host.remove() };
}
