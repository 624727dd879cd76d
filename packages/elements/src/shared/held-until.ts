import { noChange } from 'lit';
import { Directive, directive, type AttributePart } from 'lit/directive.js';

/**
 * `?disabled=${heldUntil(at)}`: the attribute is set until the moment `at` (epoch ms), then removed
 * by itself, without a render of the host: a Retry after "Too many requests, try again in 20
 * seconds" comes back on its own. `alsoWhen` keeps it set for the caller's own reason too.
 *
 * A plain directive (lit/directive.js is in the first screen already; an AsyncDirective would add
 * Lit's connection tracking to it) that owns the attribute: it sets and removes it itself and
 * gives Lit `noChange`, so Lit never holds a stale idea of it.
 */
class HeldUntil extends Directive {
  private at: number | undefined;
  private alsoWhen = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  render(at: number | undefined, alsoWhen = false): boolean {
    return alsoWhen || (at !== undefined && Date.now() < at);
  }

  override update(part: AttributePart, [at, alsoWhen = false]: [number | undefined, boolean?]): typeof noChange {
    const held = this.render(at, alsoWhen);
    this.alsoWhen = alsoWhen;
    part.element.toggleAttribute(part.name, held);
    if (at !== this.at) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.at = at;
    }
    if (held && !alsoWhen && at !== undefined && this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.at === at && !this.alsoWhen) part.element.removeAttribute(part.name);
      }, at - Date.now() + 1);
    }
    return noChange;
  }
}

export const heldUntil = directive(HeldUntil);
