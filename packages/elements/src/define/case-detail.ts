import { CaseDetail } from '../case-detail/case-detail.js';
import { defineElement } from './define-element.js';

// <case-thread> (CaseDetail.dependencies) follows from define/elements.ts.
defineElement('case-detail', CaseDetail);

declare global {
  interface HTMLElementTagNameMap {
    'case-detail': CaseDetail;
  }
}
