/**
 * One load figure: autocannon on loopback, N connections for a bounded time, each request built by
 * `next()` (path, method, headers, body), after a short warm-up with the same load (JIT, the
 * database's caches, the pool's connections). Anything but a 2xx fails the figure: a bench that
 * counted 401s or 409s as answers would measure the wrong thing.
 */
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
  title: string;
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
}

async function fire(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 50,
    duration: seconds,
    // A request that takes this long is a failure, not a figure.
    timeout: 10,
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
  if (options.warmupSeconds) await fire(options, options.warmupSeconds);
  const r = await fire(options, options.seconds);
  return {
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    mean: r.latency.mean,
    requests: r['2xx'],
  };
}
