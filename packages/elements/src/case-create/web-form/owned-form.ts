/**
 * The editor's `<form>` while a <case-create> uses it: found (`form="id"` in the element's root,
 * else a `<form>` child), taken (`novalidate`, so our messages replace the browser's bubbles, which
 * would race with them; the element's listeners) and given back exactly as it was.
 */
import { reportEditorProblems } from '../../shared/failure.js';

/** The `<form>` named by `form="id"` in the host's root, else a `<form>` child, else none. */
export function findEditorForm(host: HTMLElement, formId: string | undefined): HTMLFormElement | undefined {
  if (!host.isConnected) return undefined;
  if (formId) {
    const root = host.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(formId);
    if (found instanceof HTMLFormElement) return found;
    // While the page is still parsing, the form may come further down.
    if (document.readyState !== 'loading') {
      reportEditorProblems(host, 'web-form', [`No <form id="${formId}"> found: showing the built-in form.`]);
    }
    return undefined;
  }
  return [...host.children].find((el): el is HTMLFormElement => el instanceof HTMLFormElement);
}

export type FormListeners = Record<'submit' | 'input' | 'change' | 'reset', (e: Event) => void>;

export class OwnedForm {
  private readonly hadNoValidate: boolean;
  private hid = false;

  constructor(
    readonly form: HTMLFormElement,
    private readonly listeners: FormListeners,
  ) {
    this.hadNoValidate = form.hasAttribute('novalidate');
    form.noValidate = true;
    for (const [type, listener] of Object.entries(listeners)) form.addEventListener(type, listener);
  }

  /** Hides the form (a confirmation shows, or creating is not possible); shows again only what it hid. */
  hide(on: boolean): void {
    if (on && !this.form.hidden) {
      this.form.hidden = true;
      this.hid = true;
    } else if (!on && this.hid) {
      this.form.hidden = false;
      this.hid = false;
    }
  }

  /** Listeners off, `novalidate` and `hidden` as the editor wrote them. */
  release(): void {
    for (const [type, listener] of Object.entries(this.listeners)) this.form.removeEventListener(type, listener);
    if (!this.hadNoValidate) this.form.removeAttribute('novalidate');
    this.hide(false);
  }
}
