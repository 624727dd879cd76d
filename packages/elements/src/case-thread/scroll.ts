/**
 * A message arriving above the composer pushes it down. While the customer is writing (focus in
 * the composer), the page scrolls by the same amount, so the text they type stays where it was.
 * Otherwise the browser's scroll anchoring keeps what they read in place.
 */
export function keepInPlace(
  host: HTMLElement & { renderRoot: HTMLElement | DocumentFragment; updateComplete: Promise<boolean> },
  selector: string,
  change: () => void,
): void {
  const root = host.renderRoot as ShadowRoot;
  const anchor = root.querySelector<HTMLElement>(selector);
  const focused = anchor && anchor.contains(root.activeElement);
  const before = focused ? anchor.getBoundingClientRect().top : null;
  change();
  if (before === null) return;
  void host.updateComplete.then(() => {
    const moved = anchor!.getBoundingClientRect().top - before;
    if (Math.abs(moved) >= 1) scrollParent(host).scrollBy({ top: moved, behavior: 'instant' });
  });
}

/** The element that scrolls the host: the nearest scrolling ancestor across shadow roots, else the page. */
export function scrollParent(el: Element): Element {
  let node: Node | null = el;
  while (node) {
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
    if (node instanceof Element) {
      const { overflowY } = getComputedStyle(node);
      if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return node;
    }
  }
  return document.scrollingElement ?? document.documentElement;
}
