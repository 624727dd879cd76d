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
