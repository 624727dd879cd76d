/**
 * Registers a tag unless something already did: two copies of the library on one page
 * (or a host that registered its own subclass) must not throw "already defined".
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
