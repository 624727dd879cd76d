// The case server's figures (issue 12): packages/server/test/bench/server-figures.ts does the work
// in a process of its own (TypeScript under tsx, like the server's tests; the server itself runs
// from its build in another process). Names and what they mean: README "Bench", server figures.
//
// Neither the bundle nor the browser is needed: `node bench/run.mjs --only server` skips both.
// BENCH_SERVER_ARGS passes options on, e.g. BENCH_SERVER_ARGS="--db sqlite --seconds 5".
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const needs = { bundle: false, browser: false };

/** Upper bounds (a number) and lower bounds ({ min }); bench/run.mjs prints PASS/MISS next to each. */
export const goals = {
  'server.listCases.p99.ms': 50,
  'server.listCases.account.p99.ms': 50,
  'server.listCases.ratioToBare': { min: 0.3 },
  'server.listCases.1M.over.10k': 1.5,
  'server.events.fanout.p99.ms': 100,
  'server.rss.1kStreams.mb': 200,
};

export async function measure({ root }) {
  const dir = mkdtempSync(join(tmpdir(), 'case-bench-server-'));
  const out = join(dir, 'figures.json');
  try {
    const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
    const args = ['--conditions=source', '--import', 'tsx', 'packages/server/test/bench/server-figures.ts', '--json', out, ...extra];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const code = await new Promise((ok) => child.on('exit', (c, signal) => ok(signal ? 128 : c)));
    if (code !== 0) throw new Error(`bench: server figures failed (exit ${code})`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
