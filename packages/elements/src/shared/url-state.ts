/**
 * A list's query in the page URL (`<case-list url-state>`), so back/forward and shared links restore
 * the view, without breaking the host page's own routing or its other query parameters.
 *
 * What goes in the URL: view, keyword, statuses, categories, origins, custom field filters and sort,
 * each under a prefix (default `case.`: `?case.q=router&case.status=open&case.sort=number:asc`), in
 * the same encoding the REST contract uses (core `encodeCaseQuery`). Never the cursor or the page size.
 *
 * Rules, each because a host page lives here too:
 * - Only our prefixed query parameters are ever rewritten; every other parameter (verbatim, even
 *   `?flag` or `%20`), the path and the hash stay as they are. `history.state` is passed back to
 *   pushState/replaceState unchanged, so a host router keeps its own state.
 * - Discrete changes (sort, a filter, the view) push an entry; typing (keyword) replaces, so typing
 *   does not flood history. Nothing is written when our parameters would not change.
 * - Defaults are left out (the default sort, optionally the default view): a clean list, a clean URL.
 * - Reading is lenient: a hand-edited URL with `case.sort=zzz` or `case.status=` loses those values,
 *   it never throws. With `schema` set, unknown views, statuses, origins, sort keys and fields go too.
 * - popstate restores the list only when *our* parameters changed since we last wrote or read them:
 *   another component's or the host router's navigation does not reset the list.
 *
 * Several lists on one page: give each its own prefix (`<case-list url-state url-prefix="open.">`
 * and `url-prefix="closed."`); two controllers sharing one prefix would overwrite each other.
 * The portal's route (`route-state.ts`) may share the list's prefix: it uses `open` / `new`, which
 * are no query parameter names.
 *
 * Not seen: URL changes the host makes with its own pushState/replaceState (they fire no event).
 * Call `sync()` after such a navigation if it can touch our parameters.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  decodeCaseQuery,
  encodeCaseQuery,
  isCaseQueryParam,
  type CaseQuery,
  type CaseView,
  type FieldType,
  type PortalSchema,
  type SortSpec,
} from '@case-portal/core';
import { navigate, ownParams, paramsSignature, searchWith } from './url-params.js';
import { DEFAULT_URL_PREFIX, type HistoryMode } from './url-route.js';

export interface UrlStateOptions {
  /** Put before every parameter name. Default `case.`; give each list on a page its own. */
  prefix: string;
  /** Start enabled. Default false: a list without `url-state` never touches the URL. */
  enabled: boolean;
}

/** The parts of a CaseQuery that live in the URL; a key missing from a restored query means "default". */
export const URL_QUERY_KEYS = ['view', 'keyword', 'statuses', 'categories', 'origins', 'fields', 'sort'] as const;
export type UrlQuery = Pick<CaseQuery, (typeof URL_QUERY_KEYS)[number]>;

export class UrlQueryController implements ReactiveController {
  /**
   * Lets reads restore numbers and booleans (field types) and drop values this backend does not
   * know (views, statuses, origins, sort keys, field keys). Set it when the schema arrives, then
   * `read()` again: before it, field filters come back as text and nothing is dropped as unknown.
   */
  schema?: PortalSchema;

  readonly #onRestore: (q: Partial<CaseQuery>) => void;
  #prefix: string;
  #enabled: boolean;
  #connected = false;
  #fieldTypes?: Record<string, FieldType>;
  /** Our parameters (canonical) as last written, read or restored; popstate compares with this. */
  #last = '';

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    onRestore: (q: Partial<CaseQuery>) => void,
    options: Partial<UrlStateOptions> = {},
  ) {
    this.#onRestore = onRestore;
    this.#prefix = options.prefix ?? DEFAULT_URL_PREFIX;
    this.#enabled = options.enabled ?? false;
    host.addController(this);
  }

  /** Whether the query lives in the URL. Off: read() returns {}, write() does nothing, popstate is ignored. */
  get enabled(): boolean {
    return this.#enabled;
  }
  set enabled(on: boolean) {
    if (on === this.#enabled) return;
    this.#enabled = on;
    if (!this.#connected) return;
    if (on) this.#listen();
    else this.#unlisten();
  }

  get prefix(): string {
    return this.#prefix;
  }
  set prefix(prefix: string) {
    if (prefix === this.#prefix) return;
    this.#prefix = prefix;
    this.#last = this.#currentSignature();
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#enabled) this.#listen();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unlisten();
  }

  /** Whether the URL holds any of our parameters (e.g. to let a shared link win over a configured query). */
  hasParams(): boolean {
    return this.#enabled && ownParams(location.search, this.#isOurs).size > 0;
  }

  /**
   * The query in location.search: lenient decode under our prefix, without cursor and limit.
   * `fieldTypes` (remembered for later popstate reads) wins over the schema's for numbers/booleans.
   * Every URL-managed key that is absent means "default", not "unchanged".
   */
  read(fieldTypes?: Record<string, FieldType>): Partial<CaseQuery> {
    if (fieldTypes) this.#fieldTypes = fieldTypes;
    if (!this.#enabled) return {};
    this.#last = this.#currentSignature();
    const schema = this.schema;
    const types = { ...(schema ? fieldTypesOf(schema) : {}), ...this.#fieldTypes };
    const q = decodeCaseQuery(location.search, types, { prefix: this.#prefix, lenient: true });
    const out: Partial<CaseQuery> = {};
    for (const key of URL_QUERY_KEYS) if (q[key] !== undefined) Object.assign(out, { [key]: q[key] });
    return schema ? dropUnknown(out, schema) : out;
  }

  /**
   * Puts the query in the URL: `push` for discrete changes (sort, filter, view), `replace` for typing.
   * Writes only when our parameters change; cursor and limit never go in; values equal to
   * `defaults` are left out.
   */
  write(q: Partial<CaseQuery>, mode: HistoryMode, defaults: { sort?: SortSpec; view?: CaseView } = {}): void {
    if (!this.#enabled) return;
    const urlQuery: UrlQuery = {};
    for (const key of URL_QUERY_KEYS) if (q[key] !== undefined) Object.assign(urlQuery, { [key]: q[key] });
    if (urlQuery.sort && defaults.sort && sameSort(urlQuery.sort, defaults.sort)) delete urlQuery.sort;
    if (urlQuery.view && urlQuery.view === defaults.view) delete urlQuery.view;
    const next = encodeCaseQuery(urlQuery, { prefix: this.#prefix });
    const signature = paramsSignature(next);
    this.#last = signature;
    if (signature === this.#currentSignature()) return;
    navigate(searchWith(location.search, this.#isOurs, next), mode);
  }

  /**
   * Compares our parameters in the URL with the last ones written/read, and restores the list
   * when they differ. popstate calls this; call it after navigating with your own pushState.
   */
  sync(): void {
    if (!this.#enabled) return;
    if (this.#currentSignature() === this.#last) return;
    this.#onRestore(this.read());
  }

  readonly #isOurs = (name: string): boolean => isCaseQueryParam(name, this.#prefix);

  readonly #onPopState = (): void => this.sync();

  #currentSignature(): string {
    return paramsSignature(ownParams(location.search, this.#isOurs));
  }

  #listen(): void {
    this.#last = this.#currentSignature();
    window.addEventListener('popstate', this.#onPopState);
  }

  #unlisten(): void {
    window.removeEventListener('popstate', this.#onPopState);
  }
}

function sameSort(a: SortSpec, b: SortSpec): boolean {
  return a.key === b.key && a.dir === b.dir;
}

function fieldTypesOf(schema: PortalSchema): Record<string, FieldType> {
  return Object.fromEntries(schema.fields.map((f) => [f.key, f.type]));
}

/** Drops what the backend does not know; an emptied list disappears (means "no filter"). */
function dropUnknown(q: Partial<CaseQuery>, schema: PortalSchema): Partial<CaseQuery> {
  const out = { ...q };
  if (out.view && !schema.views.includes(out.view)) delete out.view;
  const statuses = new Set(schema.statuses.map((s) => s.id));
  const origins = new Set(schema.origins.map((o) => o.value));
  const keepIn = (list: string[] | undefined, known: Set<string>) => list?.filter((v) => known.has(v));
  out.statuses = keepIn(out.statuses, statuses);
  out.origins = keepIn(out.origins, origins);
  if (!out.statuses?.length) delete out.statuses;
  if (!out.origins?.length) delete out.origins;
  if (out.sort && !schema.sortable.includes(out.sort.key)) delete out.sort;
  if (out.fields) {
    const known = new Set(schema.fields.map((f) => f.key));
    out.fields = Object.fromEntries(Object.entries(out.fields).filter(([key]) => known.has(key)));
    if (!Object.keys(out.fields).length) delete out.fields;
  }
  return out;
}
