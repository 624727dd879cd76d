/**
 * One load figure: autocannon on loopback, N connections for a bounded time, each request built by
 * `next()` (path, method, headers, body), after a short warm-up with the same load (JIT, the
 * database's caches, the pool's connections). Anything but a 2xx fails the figure: a bench that
 * counted 401s or 409s as answers would measure the wrong thing.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface BenchRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  /** Called once per request, from autocannon's loop: keep it cheap (pre-built tokens, a counter). */
  next: () => BenchRequest;
  connections?: number;
  seconds: number;
  warmupSeconds?: number;
  /**
   * Before the timed warm-up, this many requests whatever they take: one round of `next()`'s
   * rotation, so every customer the measurement uses has signed in once and their pages have been
   * read from disk once. A timed warm-up alone covered only a fifth of 2,000 customers when the OS
   * had dropped the 1M database's pages from its cache, and the measurement then read them (p99
   * 156 ms, 2.4 s at worst, against 34 ms with the pages cached).
   */
  warmupRequests?: number;
  title: string;
  /** The server's process: its CPU time over the measured run is reported per answer. */
  pid?: number;
}

export interface LoadFigures {
  /** 2xx answers per second over the measured time. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Mean latency (ms): with a fixed number of connections, the cost of one request. */
  mean: number;
  requests: number;
  /**
   * CPU time of the server process per answer (ms, user + system, from /proc): what one request
   * costs the server itself, far steadier than req/s on a shared machine. NaN without `pid`.
   * (PostgreSQL's own processes are not in it.)
   */
  cpuMs: number;
}

/** User + system CPU time of a process so far, in ms (Linux /proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `seconds` of load, or `{ amount }` requests. */
async function fire(options: LoadOptions, seconds: number | { amount: number }): Promise<autocannon.Result> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 50,
    ...(typeof seconds === 'number' ? { duration: seconds } : seconds),
    // A request that takes this long is stuck, not slow: a failure, not a figure. (The first request
    // of each new connection may wait seconds while the server's loop is saturated: the accept waits
    // its turn, docs/architecture.md "The case server under load". That is latency, not a hang.)
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = options.next();
          return { ...req, method: r.method ?? 'GET', path: r.path, headers: r.headers, body: r.body };
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(
      `${options.title}: ${failed} of ${result.requests.sent} requests failed (non-2xx ${result.non2xx}: 4xx ${result['4xx']}, 5xx ${result['5xx']}; connection errors ${result.errors}, timeouts ${result.timeouts})`,
    );
  }
  return result;
}

export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  if (options.warmupRequests) await fire(options, { amount: options.warmupRequests });
  if (options.warmupSeconds) await fire(options, options.warmupSeconds);
  const cpuBefore = options.pid ? cpuMsOf(options.pid) : NaN;
  const r = await fire(options, options.seconds);
  const cpu = options.pid ? cpuMsOf(options.pid) - cpuBefore : NaN;
  return {
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    mean: r.latency.mean,
    requests: r['2xx'],
    cpuMs: cpu / r['2xx'],
  };
}
