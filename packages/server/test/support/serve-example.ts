/**
 * `case-portal-server serve --config examples/<name>.json` in a process of its own, for the
 * connectors' CLI tests: the example as shipped (its secrets and the vendor's address come from the
 * environment, as it documents), with only `listen.port` set to 0 so a test never collides with
 * anything on 8787. Tokens are signed the way the example's host site would sign them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SignJWT } from 'jose';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The host site's secret the examples read from PORTAL_JWT_SECRET. */
const SECRET = 'an-example-host-secret-of-at-least-32-bytes';

export interface ServedExample {
  /** Where it listens, once it said so. */
  url: string;
  /** What it printed so far (the assertion message when something fails). */
  output(): string;
  /** A token for a customer, signed with the example's kid, issuer and audience. */
  token(claims: { sub: string; name: string; email?: string; org?: string; role?: string }): Promise<string>;
  /** SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** Kills it if it still runs and removes its folder (call in `finally`). */
  dispose(): void;
}

export async function serveExample(name: string, env: Record<string, string>): Promise<ServedExample> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-cli-`));
  const example = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../examples/${name}.json`, import.meta.url)), 'utf8'));
  const config = join(dir, `${name}.json`);
  writeFileSync(config, JSON.stringify({ ...example, listen: { ...example.listen, port: 0 } }));
  const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, CLI, 'serve', '--config', config], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: 'info', PORTAL_JWT_SECRET: SECRET, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = once(child, 'exit');
  const dispose = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  let url = '';
  for (let i = 0; i < 1200 && !url && child.exitCode === null; i++) {
    url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  if (!url) {
    dispose();
    throw new Error(`case-portal-server serve --config examples/${name}.json did not start:\n${out}`);
  }
  return {
    url,
    output: () => out,
    token: ({ sub, role = 'customer', ...claims }) =>
      new SignJWT({ ...claims, role })
        .setProtectedHeader({ alg: 'HS256', kid: example.auth.hsKeys[0].kid })
        .setSubject(sub)
        .setIssuer(example.auth.issuer)
        .setAudience(example.auth.audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET)),
    stop: async () => {
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    dispose,
  };
}
