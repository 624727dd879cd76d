/**
 * Tab and Shift+Tab go round inside a modal dialog (WCAG 2.4.3, the APG's modal dialog pattern).
 * A native modal <dialog> makes the page behind it inert, but Chromium still lets Tab leave the
 * document for the browser's own controls after the last field: a keyboard user then lands on
 * the address bar with the dialog still open. Used as the dialog's keydown listener.
 */
const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** The elements Tab reaches inside `container`, in order: enabled, shown, one radio per group. */
function tabbables(container: Element): HTMLElement[] {
  const radioGroups = new Set<string>();
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
    if (!el.getClientRects().length) return false;
    if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      const checked = el.form?.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
      if (checked ? checked !== el : radioGroups.has(el.name)) return false;
      radioGroups.add(el.name);
    }
    return true;
  });
}

export function keepTabInside(e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
  const container = e.currentTarget as HTMLElement;
  const items = tabbables(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const root = container.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  const inside = active !== null && container.contains(active);
  if (e.shiftKey ? active === first || !inside : active === last || !inside) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}
