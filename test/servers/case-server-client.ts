/** The browser side of test/servers/case-server.mjs: where the real case servers listen, and tokens for them. */

export interface CaseServers {
  sqlite: string;
  postgres: string;
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

/** A token for the person, signed the way the host site's backend signs it. */
export async function hostToken(p: HostPerson): Promise<string> {
  const q = new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)]));
  return ((await (await fetch(`/__case-server/token?${q}`)).json()) as { token: string }).token;
}
