import { CaseSearch } from '../case-search/case-search.js';
import { defineElement } from './define-element.js';

defineElement('case-search', CaseSearch);

declare global {
  interface HTMLElementTagNameMap {
    'case-search': CaseSearch;
  }
}
