import { property } from 'lit/decorators.js';
import { CaseElement } from './case-element.js';
import { assignLocation, CaseLinks } from './case-links.js';

/**
 * A case element that links to cases (list rows and cards, search results, "Open case" after
 * creating, related cases): `case-url` and `navigate`, and the one rule of shared/case-links.ts.
 */
export abstract class CaseLinkingElement extends CaseElement {
  /**
   * Where a case opens when the element is not inside a `<case-portal>`, e.g. `/support/case?id={id}`
   * (`{id}` and `{number}` are filled in, URL-encoded); links to a case become real links there.
   * Default: the page's `<meta name="case-portal:case-url" content="…">`. Only safe URLs (safeUrl).
   * Without either (and without a portal) a case link fires `case-select` only.
   */
  @property({ attribute: 'case-url' }) caseUrl?: string;
  /** How the page moves to a case URL when no link of ours is being followed. Replace it to route in a single-page app. */
  @property({ attribute: false }) navigate: (url: string) => void = assignLocation;

  /** Inside a portal the portal opens the case; outside, `case-url` (shared/case-links.ts). */
  protected readonly links = new CaseLinks({
    element: this,
    portal: () => this.portalNavigator,
    caseUrl: () => this.caseUrl,
    navigate: (url) => this.navigate(url),
  });
}
