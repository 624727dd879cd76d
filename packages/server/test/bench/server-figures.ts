/**
 * The case server's figures for `npm run bench` (bench/figures/server.mjs runs this; it can run alone):
 *
 *   node --conditions=source --import tsx packages/server/test/bench/server-figures.ts \
 *     [--db sqlite,postgres] [--sizes 10000,1000000] [--seconds 10] [--warmup 2] [--connections 50] [--json out.json]
 *
 * For each database: the built server (`serve --config`, its own process) on databases seeded with
 * `seed --cases N` at both sizes (cached: seeded-databases.ts), a bare Fastify route answering the
 * same JSON in the same run (bare-route.ts), autocannon on loopback with 50 connections for a
 * bounded time after a warm-up (load.ts), tokens signed as a host site signs them and spread over
 * many customers (bench-people.ts). Writes (replies, the fan-out's streams) go to a throwaway copy
 * of the large database. Names: README "Bench" (server figures).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { call, type DbKind } from '../support/server.js';
import { ACCOUNT_PAGE, customerTokens, FIRST_PAGE, replyTargets, supervisorToken } from './bench-people.js';
import { buildServer, startBenchServer, type BenchServer } from './bench-server.js';
import { measureFanout } from './event-fanout.js';
import { measureLoad, type BenchRequest, type LoadFigures } from './load.js';
import { copyOfSeeded, seededDatabase } from './seeded-databases.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const BARE = join(import.meta.dirname, 'bare-route.ts');

/** 10000 → "10k", 1000000 → "1M". */
export const sizeLabel = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** The parts of a run: the lists (bare route, customers, supervisor) and the writes (replies, fan-out). */
export type Phase = 'lists' | 'writes';

interface Settings {
  dbs: DbKind[];
  sizes: [number, number];
  phases: Phase[];
  seconds: number;
  warmup: number;
  connections: number;
}

type Figures = Record<string, number>;
const log = (line: string) => console.log(line);
const loadNow = () => loadavg()[0]!.toFixed(2);

/** The bare route in its own process, answering `page`. */
async function startBare(page: string): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'case-bench-bare-'));
  const file = join(dir, 'page.json');
  writeFileSync(file, page);
  const child = spawn(process.execPath, ['--import', TSX, BARE, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  let url = '';
  while (!url) {
    url = /^listening (\S+)$/m.exec(out)?.[1] ?? '';
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bare route did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    rssMb: () => NaN,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Round-robin over pre-built requests: cheap enough for autocannon's loop. */
function rotating(build: (i: number) => BenchRequest): () => BenchRequest {
  let i = 0;
  return () => build(i++);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

function figuresOf(prefix: string, f: LoadFigures, bareRps?: number): Figures {
  const out: Figures = {
    [`${prefix}.rps`]: f.rps,
    [`${prefix}.p50.ms`]: f.p50,
    [`${prefix}.p99.ms`]: f.p99,
    [`${prefix}.mean.ms`]: f.mean,
    [`${prefix}.cpu.ms`]: f.cpuMs,
  };
  if (bareRps) out[`${prefix}.ratioToBare`] = f.rps / bareRps;
  return out;
}

/** The bare route's CPU per answer in this database's run, for the CPU ratios printed beside each figure. */
let bareCpuMs = NaN;

function describe(title: string, f: LoadFigures, bareRps?: number): void {
  const ratio = bareRps ? `, ${(f.rps / bareRps).toFixed(2)}× the bare route` : '';
  const cpu = `server CPU ${f.cpuMs.toFixed(3)} ms/answer${bareRps && Number.isFinite(bareCpuMs) ? ` (${(f.cpuMs / bareCpuMs).toFixed(1)}× the bare route's)` : ''}`;
  log(
    `bench:   ${title.padEnd(34)} ${f.rps.toFixed(0).padStart(6)} req/s${ratio} | latency p50 ${f.p50} · p90 ${f.p90} · p99 ${f.p99} · max ${f.max} · mean ${f.mean.toFixed(1)} ms | ${cpu} (${f.requests} answers; load ${loadNow()})`,
  );
}

/** Every figure of one database. */
async function databaseFigures(kind: DbKind, s: Settings): Promise<Figures> {
  const [small, large] = s.sizes;
  const out: Figures = {};
  const p = `server.${kind}`;

  const dbs = [];
  for (const n of s.sizes) {
    const db = await seededDatabase(kind, n, log);
    log(`bench: ${kind} ${sizeLabel(n)}: ${db.how}${db.how === 'cached' ? '' : ` in ${db.seconds.toFixed(0)} s`}`);
    dbs.push(db);
  }
  const tokens = { small: await customerTokens(small, 2000), large: await customerTokens(large, 2000) };
  log(`bench: ${kind}: load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the start`);
  out[`${p}.load1.atStart`] = loadavg()[0]!;

  if (s.phases.includes('lists')) Object.assign(out, await listFigures(kind, s, dbs[0]!.url, dbs[1]!.url, tokens));
  if (s.phases.includes('writes')) Object.assign(out, await writeFigures(kind, s, dbs[1]!.url, tokens.large));
  out[`${p}.load1.atEnd`] = loadavg()[0]!;
  log(`bench: ${kind}: load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`);
  return out;
}

/** `warmupRequests`: one round of `next`'s rotation before the timed warm-up (load.ts). */
function loader(s: Settings) {
  return (server: { url: string; pid: number }, title: string, next: () => BenchRequest, warmupRequests = 0) =>
    measureLoad({ url: server.url, pid: server.pid, title, next, seconds: s.seconds, warmupSeconds: s.warmup, warmupRequests, connections: s.connections });
}

/** The bare route, a customer's first page at both sizes, the supervisor's account view at the large one. */
async function listFigures(kind: DbKind, s: Settings, smallUrl: string, largeUrl: string, tokens: { small: string[]; large: string[] }): Promise<Figures> {
  const [smallLabel, largeLabel] = s.sizes.map(sizeLabel) as [string, string];
  const out: Figures = {};
  const p = `server.${kind}`;
  const load = loader(s);
  // The small database: the page the bare route answers, the bare route, the customers' lists.
  let bareRps: number;
  let server = await startBenchServer(smallUrl);
  try {
    const sample = await call(server, FIRST_PAGE, { token: tokens.small[0]! });
    if (sample.status !== 200) throw new Error(`GET ${FIRST_PAGE} answered ${sample.status}: ${await sample.text()}`);
    const page = await sample.text();
    const bare = await startBare(page);
    try {
      const f = await load(bare, 'bare route', rotating((i) => ({ path: FIRST_PAGE, headers: bearer(tokens.small[i % tokens.small.length]!) })));
      bareRps = f.rps;
      bareCpuMs = f.cpuMs;
      describe(`bare Fastify route (${page.length} B)`, f);
      Object.assign(out, figuresOf(`${p}.bare`, f));
    } finally {
      await bare.stop();
    }
    const f = await load(server, `${kind} listCases ${smallLabel}`, rotating((i) => ({ path: FIRST_PAGE, headers: bearer(tokens.small[i % tokens.small.length]!) })), tokens.small.length);
    describe(`customer's first page, ${smallLabel}`, f, bareRps);
    Object.assign(out, figuresOf(`${p}.listCases.${smallLabel}`, f, bareRps));
  } finally {
    await server.stop();
  }

  // The large database: the customers' lists, the supervisor's account view.
  server = await startBenchServer(largeUrl);
  try {
    const f = await load(server, `${kind} listCases ${largeLabel}`, rotating((i) => ({ path: FIRST_PAGE, headers: bearer(tokens.large[i % tokens.large.length]!) })), tokens.large.length);
    describe(`customer's first page, ${largeLabel}`, f, bareRps);
    Object.assign(out, figuresOf(`${p}.listCases.${largeLabel}`, f, bareRps));
    out[`${p}.listCases.${largeLabel}.over.${smallLabel}`] = f.mean / out[`${p}.listCases.${smallLabel}.mean.ms`]!;
    const supervisor = bearer(await supervisorToken());
    const account = await load(server, `${kind} account view ${largeLabel}`, () => ({ path: ACCOUNT_PAGE, headers: supervisor }));
    describe(`supervisor's account view, ${largeLabel}`, account, bareRps);
    Object.assign(out, figuresOf(`${p}.accountView.${largeLabel}`, account, bareRps));
  } finally {
    await server.stop();
  }
  return out;
}

/** On a copy of the large database: replies, then the fan-out to 1,000 streams and the server's memory meanwhile. */
async function writeFigures(kind: DbKind, s: Settings, largeUrl: string, tokens: string[]): Promise<Figures> {
  const largeLabel = sizeLabel(s.sizes[1]);
  const out: Figures = {};
  const p = `server.${kind}`;
  const load = loader(s);
  const copy = await copyOfSeeded(kind, largeUrl);
  try {
    const server = await startBenchServer(copy.url);
    try {
      const targets = await replyTargets(server, tokens.slice(0, 500));
      const run = Date.now().toString(36);
      const post = await load(
        server,
        `${kind} postMessage ${largeLabel}`,
        rotating((i) => {
          const t = targets[i % targets.length]!;
          return { method: 'POST', path: `/cases/${t.caseId}/messages`, headers: { ...bearer(t.token), 'content-type': 'application/json', 'idempotency-key': `bench-${run}-${i}` }, body: JSON.stringify({ body: `Bench reply ${i}` }) };
        }),
      );
      describe(`replies (${targets.length} cases), ${largeLabel}`, post);
      Object.assign(out, figuresOf(`${p}.postMessage.${largeLabel}`, post));
      const fan = await measureFanout(server, { streams: 1000, messages: 50 });
      log(
        `bench:   fan-out to ${fan.streams} streams, ${fan.messages} messages: post → every stream p50 ${fan['fanout.fromPost.p50.ms']} · p99 ${fan['fanout.fromPost.p99.ms']} · max ${fan['fanout.fromPost.max.ms']} ms; first → every stream p99 ${fan['fanout.spread.p99.ms']} ms; server RSS ${fan['rss.idle.mb']} → ${fan['rss.streamsOpen.mb']} (streams open) → ${fan['rss.peak.mb']} MB (peak)`,
      );
      out[`${p}.events.fanout.p99.ms`] = fan['fanout.fromPost.p99.ms'];
      out[`${p}.events.fanout.p50.ms`] = fan['fanout.fromPost.p50.ms'];
      out[`${p}.events.fanout.spread.p99.ms`] = fan['fanout.spread.p99.ms'];
      out[`${p}.rss.idle.mb`] = fan['rss.idle.mb'];
      out[`${p}.rss.1kStreams.mb`] = fan['rss.peak.mb'];
    } finally {
      await server.stop();
    }
  } finally {
    await copy.drop();
  }
  return out;
}

/** The goal figures: the worse database's value (README "Bench"). */
function goalFigures(all: Figures, s: Settings): Figures {
  const large = sizeLabel(s.sizes[1]);
  const small = sizeLabel(s.sizes[0]);
  const each = (name: string) => s.dbs.map((db) => all[`server.${db}.${name}`]!).filter((v) => Number.isFinite(v));
  const worst = (name: string, pick: (...xs: number[]) => number) => {
    const xs = each(name);
    return xs.length ? pick(...xs) : NaN;
  };
  const goals: Figures = {
    'server.listCases.p99.ms': worst(`listCases.${large}.p99.ms`, Math.max),
    'server.listCases.account.p99.ms': worst(`accountView.${large}.p99.ms`, Math.max),
    'server.listCases.rps': worst(`listCases.${large}.rps`, Math.min),
    'server.listCases.ratioToBare': worst(`listCases.${large}.ratioToBare`, Math.min),
    [`server.listCases.${large}.over.${small}`]: worst(`listCases.${large}.over.${small}`, Math.max),
    'server.postMessage.rps': worst(`postMessage.${large}.rps`, Math.min),
    'server.events.fanout.p99.ms': worst('events.fanout.p99.ms', Math.max),
    'server.rss.1kStreams.mb': worst('rss.1kStreams.mb', Math.max),
  };
  // A narrowed run (`--phases lists`, one database) leaves some unmeasured: they are left out, not NaN.
  return Object.fromEntries(Object.entries(goals).filter(([, v]) => Number.isFinite(v)));
}

export async function serverFigures(s: Settings): Promise<Figures> {
  buildServer();
  const all: Figures = {};
  for (const kind of s.dbs) Object.assign(all, await databaseFigures(kind, s));
  return { ...goalFigures(all, s), ...all };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite,postgres' },
      sizes: { type: 'string', default: '10000,1000000' },
      phases: { type: 'string', default: 'lists,writes' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      json: { type: 'string' },
    },
  });
  const dbs = values.db.split(',') as DbKind[];
  const sizes = values.sizes.split(',').map(Number);
  const phases = values.phases.split(',') as Phase[];
  if (dbs.some((d) => d !== 'sqlite' && d !== 'postgres') || sizes.length !== 2 || sizes.some((n) => !Number.isInteger(n) || n < 1000) || phases.some((x) => x !== 'lists' && x !== 'writes')) {
    console.error('usage: server-figures.ts [--db sqlite,postgres] [--sizes <small>,<large> (≥ 1000 each)] [--phases lists,writes] [--seconds 10] [--warmup 2] [--connections 50] [--json out.json]');
    process.exit(2);
  }
  const started = Date.now();
  const figures = await serverFigures({ dbs, sizes: sizes as [number, number], phases, seconds: Number(values.seconds), warmup: Number(values.warmup), connections: Number(values.connections) });
  log(`bench: server figures in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (values.json) writeFileSync(values.json, JSON.stringify(figures, null, 2));
  else console.log(JSON.stringify(figures, null, 2));
}
