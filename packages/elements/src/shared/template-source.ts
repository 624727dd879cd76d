// Finding and watching an editor's <template>: cheap, and all a list needs before it knows it
// has one. Compiling it is template-format.ts, loaded only then.
import { reportEditorProblems } from './failure.js';

/**
 * An editor's template for `host`: the one `template="id"` names in the host's root, else a
 * `<template>` child. A missing id is an editor problem (console + case-error, once per host).
 */
export function findTemplateSource(host: HTMLElement, id: string | undefined): HTMLTemplateElement | undefined {
  if (id) {
    const root = host.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(id);
    if (found instanceof HTMLTemplateElement) return found;
    reportEditorProblems(host, 'template', [`No <template id="${id}"> found: showing the built-in layout.`]);
    return undefined;
  }
  return [...host.children].find((el): el is HTMLTemplateElement => el instanceof HTMLTemplateElement);
}

/**
 * Calls `onEdit` when an editor (or a CMS preview) adds or changes the host's template after it
 * rendered. The host's own attribute changes (dir, aria-*) are no template edit. Returns the observer.
 */
export function observeTemplateEdits(host: HTMLElement, onEdit: () => void): MutationObserver {
  const observer = new MutationObserver((records) => {
    if (records.every((r) => r.type === 'attributes' && r.target === host)) return;
    onEdit();
  });
  observer.observe(host, { childList: true, subtree: true, characterData: true, attributes: true });
  return observer;
}
