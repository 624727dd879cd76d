import type { CaseRecord } from '@case-portal/core';
import type { PortalNavigator } from '../context.js';
import { CaseSelectEvent } from '../events.js';
import { caseUrlFor, caseUrlPattern } from './case-url.js';

/** A case as far as a link needs it. */
export type LinkedCase = Pick<CaseRecord, 'id' | 'number'>;

/** What the rule needs from an element that links to cases (list, cards, search, create, related cases). */
export interface CaseLinkHost {
  /** The element itself: fires `case-select`, and its place on the page finds the page's setting. */
  readonly element: HTMLElement;
  /** A surrounding portal's navigator, if any. */
  portal(): PortalNavigator | undefined;
  /** The element's own `case-url` attribute. */
  caseUrl(): string | undefined;
  /** How the page moves to a URL when no link of ours is being followed (`location.assign` by default). */
  navigate(url: string): void;
}

/**
 * The one rule for every element that links to a case: inside a `<case-portal>` the portal opens it;
 * outside, the case's page is `case-url` (the element's, else the page's `<meta>`), through safeUrl.
 */
export class CaseLinks {
  constructor(private readonly host: CaseLinkHost) {}

  /** The URL of the case's page for a real link, or null: inside a portal (it opens there), no pattern, or an unsafe one. */
  href(c: LinkedCase): string | null {
    if (this.host.portal()) return null;
    return caseUrlFor(caseUrlPattern(this.host.caseUrl(), this.host.element), c);
  }

  /**
   * The user asked for the case: fires `case-select` (cancelable), then opens it in the portal or
   * goes to its page. `e` is the click or key that asked; `link` the element it was on: a link
   * with an href of its own is left to the browser to follow (new tabs, the editor's own URL).
   * A click with a modifier on such a link is the browser's alone (open in a new tab).
   */
  open(c: LinkedCase, e?: Event, link?: Element | null): void {
    const ownHref = !!link?.matches('a[href]');
    if (ownHref && e instanceof MouseEvent && (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)) return;
    if (!this.host.element.dispatchEvent(new CaseSelectEvent(c.id))) {
      e?.preventDefault();
      return;
    }
    const portal = this.host.portal();
    if (portal) {
      e?.preventDefault();
      portal.openCase(c.id);
      return;
    }
    if (ownHref) return;
    const href = this.href(c);
    if (!href) return;
    e?.preventDefault();
    this.host.navigate(href);
  }
}

/** The default way to go to a case's page. */
export const assignLocation = (url: string): void => location.assign(url);
