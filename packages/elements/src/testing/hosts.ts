/**
 * Bare hosts for testing a controller alone: a `ReactiveElement` subclass registered under a
 * fresh name, put on the page, and taken off after each test.
 */
import { ReactiveElement } from 'lit';
import type { PortalNavigator } from '../context.js';
import type { CaseErrorEvent } from '../events.js';

let defined = 0;
/** Registers a test host class under a fresh tag name (a name can be defined only once per page). */
export function defineHost<T extends CustomElementConstructor>(cls: T): T {
  customElements.define(`test-host-${++defined}`, cls);
  return cls;
}

/** A bare host that counts its updates (renders): extend it with the controller under test. */
export class CountingHost extends ReactiveElement {
  updates = 0;
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    this.updates++;
  }
}

const placed: HTMLElement[] = [];
/** Puts the element on the page (connecting its controllers) until `removePlaced()`. */
export function place<T extends HTMLElement>(el: T): T {
  document.body.append(el);
  placed.push(el);
  return el;
}
/** Takes every placed element off the page again (each test file's `afterEach`). */
export function removePlaced(): void {
  for (const el of placed.splice(0)) el.remove();
}

/**
 * A portal navigator that records the cases it is asked to open, set on an element as a
 * surrounding <case-portal> would provide it.
 */
export function recordNavigation(el: HTMLElement): { opened: string[] } {
  const opened: string[] = [];
  const navigator: PortalNavigator = { openCase: (id) => void opened.push(id), openList() {}, openCreate() {} };
  (el as unknown as { portalNavigator: PortalNavigator }).portalNavigator = navigator;
  return { opened };
}

/** Every `case-error` the element fires from now on, as its detail (error, operation, message). */
export function recordCaseErrors(el: HTMLElement): CaseErrorEvent['detail'][] {
  const errors: CaseErrorEvent['detail'][] = [];
  el.addEventListener('case-error', (e) => errors.push((e as CaseErrorEvent).detail));
  return errors;
}
