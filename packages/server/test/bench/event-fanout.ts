/**
 * Fan-out figures for live events: 1,000 open event streams on one server process, each of which
 * may see every event (supervisors of the account the messages are posted in), and how long until
 * every stream has each message, and what the server process holds in memory meanwhile.
 *
 *   node --conditions=source --import tsx packages/server/test/bench/event-fanout.ts [sqlite|postgres] [streams] [messages]
 *
 * The server runs in its own process (test/support/serve-process.ts) so its RSS is its own. Goals
 * (issue 12): fan-out p99 ≤ 100 ms and server RSS ≤ 200 MB with 1,000 streams.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { spawnServer } from '../support/child-server.js';
import { call, freshDatabaseUrl, tokenFor, type DbKind } from '../support/server.js';

const kind = (process.argv[2] ?? 'sqlite') as DbKind;
const STREAMS = Number(process.argv[3] ?? 1000);
const MESSAGES = Number(process.argv[4] ?? 50);

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const db = await freshDatabaseUrl(kind);
const server = await spawnServer(db.url);
const pid = server.process.pid!;
try {
  const poster = await tokenFor({ sub: 'bench-poster', name: 'Poster', org: 'bench' });
  const created = await call(server, '/cases', { method: 'POST', token: poster, body: JSON.stringify({ subject: 'Fan-out', description: 'bench', fields: { product: 'router-x200' } }) });
  const caseId = ((await created.json()) as { id: string }).id;
  const rssIdle = rssMb(pid);

  /** Per message id: when each stream saw it. */
  const seen = new Map<string, number[]>();
  const sockets: http.ClientRequest[] = [];
  let ready = 0;
  const opened = Date.now();
  // In batches of 100, as browsers arriving over a few seconds would (each first request creates its person).
  const open = async (i: number) => {
    const token = await tokenFor({ sub: `bench-sup-${i}`, name: `Supervisor ${i}`, org: 'bench', role: 'supervisor' });
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${server.url}/events/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.includes('event: ready')) {
              ready++;
              resolve();
            }
            const m = /"message":\{"id":"([^"]+)"/.exec(frame);
            if (m) {
              let times = seen.get(m[1]!);
              if (!times) seen.set(m[1]!, (times = []));
              times.push(Date.now());
            }
          }
        });
      });
      req.on('error', reject);
      sockets.push(req);
    });
  };
  for (let from = 0; from < STREAMS; from += 100) await Promise.all(Array.from({ length: Math.min(100, STREAMS - from) }, (_, k) => open(from + k)));
  const openMs = Date.now() - opened;
  const rssOpen = rssMb(pid);

  const fromPost: number[] = [];
  const fromReply: number[] = [];
  /** From the first stream having a message to each stream having it: the fan-out itself. */
  const spread: number[] = [];
  let rssPeak = rssOpen;
  for (let i = 0; i < MESSAGES; i++) {
    const sent = Date.now();
    const res = await call(server, `/cases/${caseId}/messages`, { method: 'POST', token: poster, body: JSON.stringify({ body: `message ${i}` }) });
    const replied = Date.now();
    const id = ((await res.json()) as { id: string }).id;
    // Streams often have it before the reply arrives: the frames are keyed by message id as they come.
    let times = seen.get(id);
    if (!times) seen.set(id, (times = []));
    const deadline = Date.now() + 5_000;
    while (times.length < STREAMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    if (times.length < STREAMS) throw new Error(`message ${i}: ${times.length} of ${STREAMS} streams got it`);
    const first = Math.min(...times);
    for (const t of times) {
      fromPost.push(t - sent);
      fromReply.push(Math.max(0, t - replied));
      spread.push(t - first);
    }
    rssPeak = Math.max(rssPeak, rssMb(pid));
    await new Promise((r) => setTimeout(r, 50));
  }
  fromPost.sort((a, b) => a - b);
  fromReply.sort((a, b) => a - b);
  spread.sort((a, b) => a - b);
  const figures = {
    database: kind,
    streams: ready,
    messages: MESSAGES,
    'open.allStreams.ms': openMs,
    'rss.idle.mb': Math.round(rssIdle),
    'rss.streamsOpen.mb': Math.round(rssOpen),
    'rss.peak.mb': Math.round(rssPeak),
    'fanout.fromPost.p50.ms': percentile(fromPost, 50),
    'fanout.fromPost.p99.ms': percentile(fromPost, 99),
    'fanout.fromPost.max.ms': fromPost[fromPost.length - 1],
    'fanout.afterReply.p99.ms': percentile(fromReply, 99),
    'fanout.spread.p50.ms': percentile(spread, 50),
    'fanout.spread.p99.ms': percentile(spread, 99),
  };
  console.log(JSON.stringify(figures, null, 2));
  for (const s of sockets) s.destroy();
} finally {
  await server.close();
  await db.drop();
}
