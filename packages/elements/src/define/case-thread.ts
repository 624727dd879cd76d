import { CaseThread } from '../case-thread/case-thread.js';
import { defineElement } from './define-element.js';

defineElement('case-thread', CaseThread);

declare global {
  interface HTMLElementTagNameMap {
    'case-thread': CaseThread;
  }
}
