import { CasePortal } from '../case-portal/case-portal.js';
import { defineElement } from './define-element.js';
// The portal renders every other element: register them too.
import './case-list.js';
import './case-detail.js';
import './case-create.js';
import './case-search.js';

defineElement('case-portal', CasePortal);

declare global {
  interface HTMLElementTagNameMap {
    'case-portal': CasePortal;
  }
}
