import type { CreatioApi, CrLookup, CrSatisfaction, CrStatus, Guid } from './api.js';
import { defaultPortalStatus } from './portal.js';

/** How long the lookups are kept before Creatio is asked again (an admin edits them rarely). */
const TTL_MS = 5 * 60_000;

export interface LookupSet {
  statuses: CrStatus[];
  priorities: CrLookup[];
  origins: CrLookup[];
  satisfaction: CrSatisfaction[];
  /** Creatio status id → portal status id (the flags, then the admin's statusMap by name). */
  portalStatusOf: Map<Guid, string>;
}

const slug = (name: string | undefined) => (name ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
export { slug as lookupValue };

/**
 * The lookups a case refers to by id (CaseStatus, CasePriority, CaseOrigin, SatisfactionLevel),
 * read together and kept a few minutes: a list page maps hundreds of cases without asking Creatio
 * for each one's status.
 */
export class Lookups {
  private cached: { at: number; set: LookupSet } | null = null;
  private loading: Promise<LookupSet> | null = null;

  constructor(
    private readonly api: CreatioApi,
    private readonly statusMap: Record<string, string>,
  ) {}

  async get(): Promise<LookupSet> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.set;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<LookupSet> {
    const [statuses, priorities, origins, satisfaction] = await Promise.all([
      this.api.all<CrStatus>('CaseStatus', { select: ['Id', 'Name', 'IsFinal', 'IsResolved', 'IsPaused'] }, 500),
      this.api.all<CrLookup>('CasePriority', { select: ['Id', 'Name'] }, 500),
      this.api.all<CrLookup>('CaseOrigin', { select: ['Id', 'Name'] }, 500),
      this.api.all<CrSatisfaction>('SatisfactionLevel', { select: ['Id', 'Name', 'Point'] }, 500),
    ]);
    const byName = new Map(Object.entries(this.statusMap).map(([k, v]) => [k.trim().toLowerCase(), v]));
    const portalStatusOf = new Map(statuses.map((s) => [s.Id, byName.get((s.Name ?? '').trim().toLowerCase()) ?? defaultPortalStatus(s)]));
    const set = { statuses, priorities, origins, satisfaction, portalStatusOf };
    this.cached = { at: Date.now(), set };
    return set;
  }

  /** The Creatio status a write moves a case to: for "open" Creatio's "Reopened" when it has one, else the first that maps there. */
  static creatioStatus(set: LookupSet, portalId: string): Guid | null {
    const candidates = set.statuses.filter((s) => set.portalStatusOf.get(s.Id) === portalId);
    const preferred = portalId === 'open' ? candidates.find((s) => slug(s.Name) === 'reopened') : undefined;
    return (preferred ?? candidates[0])?.Id ?? null;
  }

  static byValue(list: CrLookup[], value: string | null | undefined): Guid | null {
    if (!value) return null;
    return list.find((l) => slug(l.Name) === value)?.Id ?? null;
  }
}
