import { CaseCreate } from '../case-create/case-create.js';
import { defineElement } from './define-element.js';

defineElement('case-create', CaseCreate);

declare global {
  interface HTMLElementTagNameMap {
    'case-create': CaseCreate;
  }
}
