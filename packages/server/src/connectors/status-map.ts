import type { StatusDef } from '@case-portal/core';

/**
 * A vendor's statuses as portal statuses: the connector's defaults (from the vendor's own status
 * set or metadata) with the admin's `statusMap` over them. A status the map does not know (a vendor
 * that added one, a field missing from a record) becomes the `fallback` status rather than a
 * failure: the customer still sees the case, and the operator gets one log line per unknown value.
 */
export class StatusMap {
  private readonly warned = new Set<string>();
  constructor(
    private readonly statuses: StatusDef[],
    private readonly map: Record<string, string>,
    private readonly fallback: string,
    private readonly warn: (vendorStatus: string) => void = () => {},
  ) {}

  portalStatus(vendorStatus: unknown): StatusDef {
    const key = typeof vendorStatus === 'string' ? vendorStatus : String(vendorStatus);
    const id = this.map[key];
    const found = id ? this.statuses.find((s) => s.id === id) : undefined;
    if (found) return found;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.warn(key);
    }
    return this.statuses.find((s) => s.id === this.fallback) ?? this.statuses[0]!;
  }

  /** The vendor statuses that map to one of these portal status ids. */
  vendorStatuses(portalIds: string[]): string[] {
    return Object.entries(this.map).filter(([, id]) => portalIds.includes(id)).map(([v]) => v);
  }
}
