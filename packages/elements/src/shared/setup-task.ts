/**
 * Where every case element's adapter, schema and viewer come together (CaseElement's `setup`): a Lit
 * Task whose value is only ever the current adapter's, with the schema in the element's language.
 */
import type { LitElement } from 'lit';
import { Task, type TaskConfig } from '@lit/task';
import type { CaseAdapter, PortalSchema } from '@case-portal/core';
import type { PortalSetup } from './portal-setup.js';

/**
 * Core's localizeSchema (./localize-schema.ts, a chunk of its own in the single file), loaded once a
 * schema has words for an element's language: most pages show the backend's own labels and never need it.
 */
let localizeSchema: ((schema: PortalSchema, locale: string) => PortalSchema) | undefined;
let localizing: Promise<void> | undefined;

function loadLocalizeSchema(): Promise<void> {
  localizing ??= import('./localize-schema.js').then(
    (m) => {
      localizeSchema = m.localizeSchema;
    },
    (e: unknown) => {
      localizing = undefined;
      throw e;
    },
  );
  return localizing;
}

/** Whether `schema.translations` has an entry localizeSchema would use for `locale` (its own, or its language's). */
function hasWordsFor(schema: PortalSchema, locale: string): boolean {
  const full = locale.toLowerCase();
  const lang = full.split('-')[0];
  return Object.keys(schema.translations ?? {}).some((k) => k.toLowerCase() === full || k.toLowerCase() === lang);
}

/** Loads core's localizeSchema when `schema` has words for `locale` and it is not here yet (the setup awaits it). */
export function loadWordsFor(schema: PortalSchema, locale: string): Promise<void> | undefined {
  return !localizeSchema && hasWordsFor(schema, locale) ? loadLocalizeSchema() : undefined;
}

/**
 * The setup task, whose `value` is only ever the current adapter's: while a new adapter's schema
 * and viewer load, the old backend's setup is gone at once, so nothing renders its data, no task
 * reads through it and no live subscription stays open on it.
 */
export class SetupTask<T extends readonly unknown[]> extends Task<T, PortalSetup> {
  private localized?: PortalSetup;
  /** The language whose words this setup last asked to load (once each, not on every render). */
  private triedLocale?: string;

  constructor(
    private readonly host: LitElement,
    private readonly current: () => CaseAdapter | undefined,
    private readonly locale: () => string,
    /** The schema's words for a language the element changed to did not load. */
    private readonly localizeFailed: (e: unknown) => void,
    config: TaskConfig<T, PortalSetup>,
  ) {
    super(host, config);
  }

  /**
   * The schema comes in the element's language (its `translations`, core's localizeSchema, loaded by
   * the task for a schema that has them): every
   * label the element shows reads from here. The same object while the locale stays, so caches
   * keyed on the schema (columns, filters, templates) hold; anew when the language changes.
   */
  override get value(): PortalSetup | undefined {
    const setup = super.value;
    if (!setup || setup.adapter !== this.current()) return undefined;
    const locale = this.locale();
    if (!localizeSchema) {
      // The language changed to one the schema has words for: the backend's labels until they load.
      if (this.triedLocale !== locale && hasWordsFor(setup.schema, locale)) {
        this.triedLocale = locale;
        loadLocalizeSchema().then(() => this.host.requestUpdate(), this.localizeFailed);
      }
      return setup;
    }
    const schema = localizeSchema(setup.schema, locale);
    if (schema === setup.schema) return setup;
    const last = this.localized;
    if (last?.schema === schema && last.viewer === setup.viewer && last.adapter === setup.adapter) return last;
    return (this.localized = { ...setup, schema });
  }
}
