import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * `<td ${cssProps({ height: '120px' })}>`: sets computed style properties through the CSSOM.
 *
 * Not `styleMap`: its first render writes a `style="…"` attribute, which a strict
 * `style-src 'self'` policy blocks (seen in test/csp.test.ts). Setting `element.style` from script
 * is not an inline style and passes the policy.
 */
class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() belongs on an element: <td ${cssProps({...})}>');
  }

  render(_props: Record<string, string>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): typeof nothing {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(props));
    return nothing;
  }
}

export const cssProps = directive(CssPropsDirective);
