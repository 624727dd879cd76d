/**
 * How an element gets a tag it renders defined without importing that element's files: the
 * registration code (define/define-element.ts) installs the loader on its first call, and an
 * element asks through `whenElementDefined(tag)`. In the single file that fetches the tag's chunk.
 */
export type ElementLoader = (tag: string) => Promise<void>;

let loader: ElementLoader | undefined;

export function setElementLoader(l: ElementLoader): void {
  loader = l;
}

/**
 * Resolves once `tag` (and what it renders) is defined; rejects when its code did not load.
 * Without a loader (a host registering classes under its own names) it waits for the host.
 */
export function whenElementDefined(tag: string): Promise<void> {
  if (loader) return loader(tag);
  if (customElements.get(tag)) return Promise.resolve();
  return customElements.whenDefined(tag).then(() => undefined);
}
