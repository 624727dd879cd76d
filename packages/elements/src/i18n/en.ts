import { common } from './en/common.js';
import { list } from './en/list.js';
import type { listPanel } from './en/list-panel.js';
import type { search } from './en/search.js';
import type { detail } from './en/detail.js';
import type { thread } from './en/thread.js';
import type { create } from './en/create.js';
import type { field } from './en/field.js';
import type { attachments } from './en/attachments.js';
import type { CheckedCatalog, MessageValue } from './types.js';

/** The English catalog's type: its strings as written (`as const`), so their placeholders are known. */
export type English = typeof common &
  typeof list &
  typeof listPanel &
  typeof search &
  typeof detail &
  typeof thread &
  typeof create &
  typeof field &
  typeof attachments;

/** Every message key (the English catalog is the reference every other locale is checked against). */
export type MessageKey = keyof English;

/**
 * A complete catalog for another language, checked against English when it is named:
 * `export type Checked = LocaleCatalog<typeof de>` fails to compile when a key is missing or extra,
 * or a message takes other placeholders than English's (see `CheckedCatalog`).
 */
export type LocaleCatalog<C extends CheckedCatalog<English, C>> = C;

/**
 * The English messages loaded so far. Split by element so each file stays small; keys are prefixed
 * by their section. What the first screen shows (portal, list, errors) is here from the
 * start; the list's filter panel, the search, case view, conversation and create form add theirs
 * when their code loads
 * (`addMessages` in their class's static block), so the single file's first screen carries none
 * of their text.
 */
export const en: Partial<Record<MessageKey, MessageValue>> = { ...common, ...list };

/** Adds a section of English messages (an element's, when its code loads). */
export function addMessages(...sections: Partial<Record<MessageKey, MessageValue>>[]): void {
  for (const section of sections) Object.assign(en, section);
}
