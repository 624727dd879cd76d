import { CasePortal } from '../case-portal/case-portal.js';
import { defineElement } from './define-element.js';

// The elements it renders (CasePortal.dependencies) start loading now, from define/elements.ts.
defineElement('case-portal', CasePortal);

declare global {
  interface HTMLElementTagNameMap {
    'case-portal': CasePortal;
  }
}
