import { css, html, LitElement } from 'lit';
import { CaseList } from '@case-portal/elements';
import type { CaseAdapter } from '@case-portal/core';

/** The app's own list: our class, subclassed and restyled, registered under the app's tag. */
export class AppCaseList extends CaseList {
  static override styles = [...CaseList.styles, css`:host { --case-accent: rebeccapurple; }`];
}
customElements.define('app-case-list', AppCaseList);

/** An app element that renders ours inside its own shadow root and hands it the adapter. */
export class BrandedCaseList extends LitElement {
  static override properties = { adapter: { attribute: false }, caption: {} };
  declare adapter: CaseAdapter | undefined;
  declare caption: string;

  constructor() {
    super();
    this.caption = 'Your cases';
  }

  override render() {
    return html`<p part="app-caption">${this.caption}</p><app-case-list .adapter=${this.adapter}></app-case-list>`;
  }
}
customElements.define('branded-case-list', BrandedCaseList);

declare global {
  interface HTMLElementTagNameMap {
    'app-case-list': AppCaseList;
    'branded-case-list': BrandedCaseList;
  }
}
