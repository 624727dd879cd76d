/**
 * Fan-out figures for live events: 1,000 open event streams on one server process, each of which
 * may see every event (supervisors of the account the messages are posted in), and how long until
 * every stream has each message, and what the server process holds in memory meanwhile.
 *
 *   node --conditions=source --import tsx packages/server/test/bench/event-fanout.ts [sqlite|postgres] [streams] [messages]
 *
 * Alone, it runs the built server (`tsc -b packages/server`, done first) on a fresh database in
 * its own process (bench-server.ts), so its RSS is its own. `npm run bench` calls
 * `measureFanout` on its seeded servers (server-figures.ts). Goals (issue 12): fan-out p99 ≤ 100 ms
 * and server RSS ≤ 200 MB with 1,000 streams.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { call, freshDatabaseUrl, tokenFor, type DbKind } from '../support/server.js';
import { buildServer, startBenchServer } from './bench-server.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface FanoutServer {
  url: string;
  rssMb(): number;
}

export interface FanoutFigures {
  streams: number;
  messages: number;
  'open.allStreams.ms': number;
  'rss.idle.mb': number;
  'rss.streamsOpen.mb': number;
  'rss.peak.mb': number;
  'fanout.fromPost.p50.ms': number;
  'fanout.fromPost.p99.ms': number;
  'fanout.fromPost.max.ms': number;
  'fanout.afterReply.p99.ms': number;
  'fanout.spread.p50.ms': number;
  'fanout.spread.p99.ms': number;
}

/**
 * `streams` supervisors of one account (org `org`) open GET /events/stream; a customer of that
 * account posts `messages` replies to one case, 50 ms apart; each stream must have each message
 * within 5 s. Times are from the POST being sent (and from its reply, and from the first stream
 * having it) to each stream having it.
 */
export async function measureFanout(server: FanoutServer, { streams: STREAMS = 1000, messages: MESSAGES = 50, org = 'bench-fanout' } = {}): Promise<FanoutFigures> {
  const poster = await tokenFor({ sub: `${org}-poster`, name: 'Poster', org });
  const created = await call(server, '/cases', { method: 'POST', token: poster, body: JSON.stringify({ subject: 'Fan-out', description: 'bench', fields: { product: 'router-x200' } }) });
  if (created.status !== 201) throw new Error(`fan-out: creating the case answered ${created.status}: ${await created.text()}`);
  const caseId = ((await created.json()) as { id: string }).id;
  const rssIdle = server.rssMb();

  /** Per message id: when each stream saw it. */
  const seen = new Map<string, number[]>();
  const sockets: http.ClientRequest[] = [];
  let ready = 0;
  const opened = Date.now();
  // In batches of 100, as browsers arriving over a few seconds would (each first request creates its person).
  const open = async (i: number) => {
    const token = await tokenFor({ sub: `${org}-sup-${i}`, name: `Supervisor ${i}`, org, role: 'supervisor' });
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
  try {
    for (let from = 0; from < STREAMS; from += 100) await Promise.all(Array.from({ length: Math.min(100, STREAMS - from) }, (_, k) => open(from + k)));
    const openMs = Date.now() - opened;
    const rssOpen = server.rssMb();

    const fromPost: number[] = [];
    const fromReply: number[] = [];
    /** From the first stream having a message to each stream having it: the fan-out itself. */
    const spread: number[] = [];
    let rssPeak = rssOpen;
    for (let i = 0; i < MESSAGES; i++) {
      const sent = Date.now();
      const res = await call(server, `/cases/${caseId}/messages`, { method: 'POST', token: poster, body: JSON.stringify({ body: `message ${i}` }) });
      const replied = Date.now();
      if (res.status !== 201) throw new Error(`fan-out: message ${i} answered ${res.status}: ${await res.text()}`);
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
      rssPeak = Math.max(rssPeak, server.rssMb());
      await new Promise((r) => setTimeout(r, 50));
    }
    fromPost.sort((a, b) => a - b);
    fromReply.sort((a, b) => a - b);
    spread.sort((a, b) => a - b);
    return {
      streams: ready,
      messages: MESSAGES,
      'open.allStreams.ms': openMs,
      'rss.idle.mb': Math.round(rssIdle),
      'rss.streamsOpen.mb': Math.round(rssOpen),
      'rss.peak.mb': Math.round(rssPeak),
      'fanout.fromPost.p50.ms': percentile(fromPost, 50),
      'fanout.fromPost.p99.ms': percentile(fromPost, 99),
      'fanout.fromPost.max.ms': fromPost[fromPost.length - 1]!,
      'fanout.afterReply.p99.ms': percentile(fromReply, 99),
      'fanout.spread.p50.ms': percentile(spread, 50),
      'fanout.spread.p99.ms': percentile(spread, 99),
    };
  } finally {
    for (const s of sockets) s.destroy();
  }
}

// Run alone: a fresh database of the kind, the built server on it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kind = (process.argv[2] ?? 'sqlite') as DbKind;
  buildServer();
  const db = await freshDatabaseUrl(kind);
  const server = await startBenchServer(db.url);
  try {
    const figures = await measureFanout(server, { streams: Number(process.argv[3] ?? 1000), messages: Number(process.argv[4] ?? 50) });
    console.log(JSON.stringify({ database: kind, ...figures }, null, 2));
  } finally {
    await server.stop();
    await db.drop();
  }
}
