import type { FieldDef, Option, PortalSchema, SchemaTranslation } from './model.js';
import { baseOf } from './schema-labels.js';

export { baseSchema, statusLabel } from './schema-labels.js';

/**
 * The schema's words in one language: statuses, stages, channels, priorities, categories, services,
 * close reasons and custom fields as `schema.translations` gives them for `locale` (its own entry,
 * "de-ch", over its language's, "de"), the backend's base labels where neither has a word.
 *
 * Labels are backend data (a CRM keeps its picklists' translations beside them), so they come with
 * the schema rather than from the elements' catalogs. The result is cached per schema and locale
 * (the same object for the same pair, so caches keyed on the schema hold), and localizing an
 * already localized schema starts again from the base labels.
 */
export function localizeSchema(schema: PortalSchema, locale: string): PortalSchema {
  const base = baseOf.get(schema) ?? schema;
  const words = translationFor(base, locale);
  if (!words) return base;
  const key = locale.toLowerCase();
  let byLocale = localized.get(base);
  if (!byLocale) localized.set(base, (byLocale = new Map()));
  let out = byLocale.get(key);
  if (!out) {
    out = applyTranslation(base, words);
    baseOf.set(out, base);
    byLocale.set(key, out);
  }
  return out;
}

const localized = new WeakMap<PortalSchema, Map<string, PortalSchema>>();

/** The locale's own entry over its language's, or undefined when the schema has neither. */
function translationFor(schema: PortalSchema, locale: string): SchemaTranslation | undefined {
  const all = schema.translations;
  if (!all) return undefined;
  const find = (tag: string) => Object.entries(all).find(([k]) => k.toLowerCase() === tag)?.[1];
  const full = locale.toLowerCase();
  const lang = full.split('-')[0]!;
  const [own, general] = [full === lang ? undefined : find(full), find(lang)];
  if (!own && !general) return undefined;
  if (!own || !general) return own ?? general;
  return mergeTranslations(general, own);
}

function mergeTranslations(a: SchemaTranslation, b: SchemaTranslation): SchemaTranslation {
  const out: SchemaTranslation = { ...a };
  for (const k of ['statuses', 'stages', 'origins', 'priorities', 'categories', 'services', 'closeReasons'] as const) {
    if (a[k] || b[k]) out[k] = { ...a[k], ...b[k] };
  }
  if (a.fields || b.fields) {
    const fields: NonNullable<SchemaTranslation['fields']> = { ...a.fields };
    for (const [key, f] of Object.entries(b.fields ?? {})) {
      const prior = fields[key];
      fields[key] = { ...prior, ...f, ...(prior?.options || f.options ? { options: { ...prior?.options, ...f.options } } : {}) };
    }
    out.fields = fields;
  }
  return out;
}

/** A translation's word, unless it is missing or blank (then the base label stays). */
const pick = (w: unknown, fallback: string): string => (typeof w === 'string' && w.trim() ? w : fallback);
const word = (words: Record<string, string> | undefined, key: string, fallback: string) => pick(words?.[key], fallback);
const options = <T extends Option>(list: readonly T[], words: Record<string, string> | undefined): T[] =>
  words ? list.map((o) => ({ ...o, label: word(words, o.value, o.label) })) : [...list];

function applyTranslation(schema: PortalSchema, t: SchemaTranslation): PortalSchema {
  const field = (f: FieldDef): FieldDef => {
    const w = t.fields?.[f.key];
    if (!w) return f;
    const out: FieldDef = { ...f, label: pick(w.label, f.label) };
    if (f.help !== undefined) out.help = pick(w.help, f.help);
    if (f.options) out.options = options(f.options, w.options);
    return out;
  };
  return {
    ...schema,
    statuses: schema.statuses.map((s) => ({ ...s, label: word(t.statuses, s.id, s.label) })),
    stages: schema.stages.map((s) => ({ ...s, label: word(t.stages, s.id, s.label) })),
    origins: options(schema.origins, t.origins),
    priorities: options(schema.priorities, t.priorities),
    categories: options(schema.categories, t.categories),
    services: options(schema.services, t.services),
    closeReasons: options(schema.closeReasons, t.closeReasons),
    fields: schema.fields.map(field),
  };
}
