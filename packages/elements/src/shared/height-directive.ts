import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * `<td ${heightPx(120)}>`: sets an element's height through the CSSOM.
 *
 * Not `styleMap`: its first render writes a `style="…"` attribute, which a strict
 * `style-src-attr`/`style-src 'self'` policy blocks (seen in test/csp.test.ts). Setting
 * `element.style.height` from script is not an inline style and passes the policy.
 */
class HeightDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('heightPx() belongs on an element: <td ${heightPx(h)}>');
  }

  render(_px: number): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [px]: [number]): typeof nothing {
    (part.element as HTMLElement).style.height = `${Math.max(0, px)}px`;
    return nothing;
  }
}

export const heightPx = directive(HeightDirective);
