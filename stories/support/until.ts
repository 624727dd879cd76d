/**
 * Waits until the story's `host` element shows something matching `selector` in its shadow root
 * (plain DOM, no test addon needed); play functions use it.
 */
export async function untilIn(root: HTMLElement, host: string, selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 100; i++) {
    const found = root.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not found: ${host} ${selector}`);
}
