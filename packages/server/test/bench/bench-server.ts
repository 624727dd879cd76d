/**
 * The case server as the benches run it: the built CLI (`packages/server/dist/cli.js serve
 * --config <file>`, what the README tells an operator to run) in a process of its own, so its RSS
 * and its CPU are its own. The config is a host site's: HS256 keys under our kid, a rate limit far
 * above what a bench sends (so nothing is throttled), logs at warn (a log line per request would be
 * measured too), no pretend agent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUDIENCE, ISSUER, KID, SECRET } from '../support/server.js';

export const SERVER_ROOT = resolve(import.meta.dirname, '../..');
export const REPO_ROOT = resolve(SERVER_ROOT, '../..');
export const CLI = join(SERVER_ROOT, 'dist', 'cli.js');

/** Builds packages/server/dist (and what it needs) with `tsc -b`: incremental, a second or two when nothing changed. */
export function buildServer(): void {
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['-b', join(SERVER_ROOT, 'tsconfig.json')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench: building the server (tsc -b packages/server) failed with exit code ${r.status}`);
}

/** A free loopback port (the config needs one up front: at log level warn the server does not print where it listens). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as { port: number };
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** The config file a bench server runs with. */
export function benchConfig(database: string, port: number): Record<string, unknown> {
  return {
    database,
    files: 'db',
    listen: { host: '127.0.0.1', port },
    auth: { issuer: ISSUER, audience: AUDIENCE, hsKeys: [{ kid: KID, secret: SECRET }] },
    // Per person per minute: 50 connections on one person for 10 s stay far below this.
    limits: { requestsPerMinute: 10_000_000 },
    pretendAgentMs: 0,
  };
}

/** Runs a CLI command (migrate, seed …) against `database` to its end; throws with its output when it fails. */
export async function runCli(args: string[], database: string, onLine?: (line: string) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'case-bench-cli-'));
  try {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(benchConfig(database, 0)));
    const child = spawn(process.execPath, [CLI, ...args, '--config', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d: Buffer) => {
      const text = d.toString();
      out += text;
      for (const line of text.split('\n')) if (line.trim()) onLine?.(line);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`case-portal-server ${args.join(' ')} exited ${code}:\n${out}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  /** Resident set size of the server process now, in MB (Linux /proc). */
  rssMb(): number;
  /** What it printed (warnings and errors, JSON lines). */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

export function rssMbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** Waits until GET {url}/health answers 200; fails with the child's output when it exits first or takes over `limitMs`. */
export async function waitHealthy(url: string, child: ChildProcess, output: () => string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /health within ${limitMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** `serve --config` on `database` in its own process; resolves once /health answers. */
export async function startBenchServer(database: string): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'case-bench-serve-'));
  const port = await freePort();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(benchConfig(database, port)));
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node options for the server process only (profiling it under the bench's load).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--config', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, () => out);
  } catch (e) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    pid: child.pid!,
    rssMb: () => rssMbOf(child.pid!),
    output: () => out,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
