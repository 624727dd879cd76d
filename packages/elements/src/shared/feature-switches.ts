// The features an editor may switch off for one element (its JSON configuration's `features`, or
// the `features` property), apart from the configuration reader: every element applies them, while
// the reader (editor-config.ts) is loaded only by an element that has a configuration.
import type { Features, PortalSchema } from '@case-portal/core';

/** The actions and switches of the backend's schema an editor may turn off (never on). */
export const FEATURE_KEYS = Object.keys({
  create: true,
  update: true,
  close: true,
  cancel: true,
  reopen: true,
  complain: true,
  feedback: true,
  attachments: true,
  backendMessages: true,
} satisfies Record<keyof Features, true>) as (keyof Features)[];

/** Features an editor turned off (false) for one element; true changes nothing. */
export type FeatureSwitches = Partial<Record<keyof Features, boolean>>;

/** The schema with the features an editor turned off switched off; the same object when none is. */
export function withFeatureSwitches(schema: PortalSchema, switches: FeatureSwitches | undefined): PortalSchema {
  const off = FEATURE_KEYS.filter((k) => switches?.[k] === false && schema.features[k]);
  if (!off.length) return schema;
  return { ...schema, features: { ...schema.features, ...Object.fromEntries(off.map((k) => [k, false])) } };
}

/** A `<script type="application/json">`: where an editor's configuration is written. */
export const isJsonScript = (el: Element | null | undefined): el is HTMLScriptElement =>
  el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json';

/** Whether `host` has a JSON configuration to read (cheap: the reader is loaded only then). */
export function hasEditorConfig(host: HTMLElement): boolean {
  return (
    host.hasAttribute('config') ||
    [...host.children].some(isJsonScript)
  );
}
