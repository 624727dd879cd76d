/** The browser side of test/servers/case-server.mjs: where the real case servers listen, tokens for them, and the connectors' fake vendors. */
import type { SeedCustomer, VendorView } from '../../packages/server/test/support/vendor-view.js';

export type { SeedCustomer, VendorCase, VendorFile, VendorView } from '../../packages/server/test/support/vendor-view.js';

export interface CaseServers {
  sqlite: string;
  postgres: string;
  /** The case server on each vendor connector (over its fake), by connector name. */
  connectors: Record<string, string>;
}

export async function caseServers(): Promise<CaseServers> {
  // The servers start with the runner; the first test file to ask may have to wait for them.
  const until = Date.now() + 30_000;
  for (;;) {
    const info = (await (await fetch('/__case-server/info')).json()) as Partial<CaseServers> & { error?: string };
    if (info.sqlite && info.postgres) return info as CaseServers;
    if (info.error || Date.now() > until) throw new Error(`the case server did not start: ${info.error ?? 'timeout'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface HostPerson {
  sub: string;
  name: string;
  email?: string;
  org?: string;
  role?: 'customer' | 'supervisor' | 'agent';
  ttl?: number;
}

async function vendorCall(path: string, method: string, connector: string, customer: SeedCustomer): Promise<VendorView> {
  const res = await fetch(`/__case-server/${path}?${new URLSearchParams({ connector, ...customer })}`, { method });
  const body = (await res.json()) as VendorView & { error?: string };
  if (!res.ok) throw new Error(`${path} on ${connector}: ${res.status} ${body.error ?? ''}`);
  return body;
}

/** Puts the customer and a few cases of theirs into the connector's fake vendor, as its own UI would; answers what it holds for them. */
export const seedVendor = (connector: string, customer: SeedCustomer) => vendorCall('seed', 'POST', connector, customer);

/** What the connector's fake vendor now holds for the customer (their cases, newest first, with the public thread and files). */
export const vendorView = (connector: string, customer: SeedCustomer) => vendorCall('vendor', 'GET', connector, customer);

/** A token for the person, signed the way the host site's backend signs it. */
export async function hostToken(p: HostPerson): Promise<string> {
  const q = new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)]));
  return ((await (await fetch(`/__case-server/token?${q}`)).json()) as { token: string }).token;
}
