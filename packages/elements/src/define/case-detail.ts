import { CaseDetail } from '../case-detail/case-detail.js';
import { defineElement } from './define-element.js';
// case-detail renders <case-thread>: register it too.
import './case-thread.js';

defineElement('case-detail', CaseDetail);

declare global {
  interface HTMLElementTagNameMap {
    'case-detail': CaseDetail;
  }
}
