import { CaseList } from '../case-list/case-list.js';
import { defineElement } from './define-element.js';

defineElement('case-list', CaseList);

declare global {
  interface HTMLElementTagNameMap {
    'case-list': CaseList;
  }
}
