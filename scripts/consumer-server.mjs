// The HTTP side of the packed-tarball test (scripts/test-packages.mjs): static files from a few
// folders, and under /api the read routes of packages/adapter-rest/openapi.yaml that a list and a
// case view call (GET /schema, /me, /cases, /cases/{id}, its messages, history and files, /events,
// /events/stream: nothing ever changes here, so the stream says `ready` and stays quiet).
// The answers come from a MemoryAdapter, so they are shaped exactly as the contract says; errors use
// the contract's status codes and error body. The packages are passed in: the test hands it the
// packed ones, installed in the consumer project, which also proves they load in Node.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Starts the server on a free port of 127.0.0.1. `roots`: folders tried in order for a static path;
 * `core`, `memory`, `rest`: the modules of @case-portal/core, adapter-memory and adapter-rest.
 * Returns the adapter behind /api (to compare what the page shows), the requests seen, and close().
 */
export async function startConsumerServer({ roots, core, memory, rest }) {
  const { AdapterError, isAdapterError } = core;
  const { STATUS_BY_CODE, errorBody } = rest;
  const adapter = new memory.MemoryAdapter({ storage: null, caseCount: 40, latencyMs: 0 });
  const requests = [];
  /** Open event streams: ended on close(), or the server would wait for them. */
  const streams = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      requests.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization ?? null });
      if (url.pathname === '/api/events/stream' && req.method === 'GET') {
        openStream(res, streams);
        return;
      }
      api(core, adapter, req, url).then(
        ({ status, body, headers = {} }) => send(res, status, body, headers),
        (err) => {
          const e = isAdapterError(err) ? err : new AdapterError('server', { cause: err });
          send(res, STATUS_BY_CODE[e.code] ?? 500, errorBody(e));
        },
      );
      return;
    }
    serveStatic(roots, url.pathname, res);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    adapter,
    requests,
    close: () =>
      new Promise((done) => {
        for (const res of streams) res.end();
        server.close(done);
        server.closeAllConnections();
      }),
  };
}

/** GET /events/stream as openapi.yaml describes it: `ready` at cursor 0, then only heartbeats. */
function openStream(res, streams) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform' });
  res.write('retry: 2000\nid: 0\nevent: ready\ndata: {"cursor":"0","heartbeatMs":15000}\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  streams.add(res);
  res.on('close', () => {
    clearInterval(heartbeat);
    streams.delete(res);
  });
}

function send(res, status, body, headers = {}) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function api({ AdapterError, decodeCaseQuery }, adapter, req, url) {
  if (req.method !== 'GET') throw new AdapterError('forbidden', { backendMessage: 'This test server only reads.' });
  const path = url.pathname.slice('/api'.length);
  if (path === '/schema') return { status: 200, body: await adapter.describe() };
  if (path === '/me') return { status: 200, body: await adapter.viewer() };
  if (path === '/cases') {
    const schema = await adapter.describe();
    const fieldTypes = Object.fromEntries(schema.fields.map((f) => [f.key, f.type]));
    return { status: 200, body: await adapter.listCases(decodeCaseQuery(url.searchParams, fieldTypes)) };
  }
  // The viewer's colleagues, for the case view's "People copied" picker (the memory adapter answers).
  if (path === '/colleagues') return { status: 200, body: { items: await adapter.listColleagues() } };
  if (path === '/events') {
    // Nothing ever changes here: every poll is the contract's cheap "not modified".
    const etag = '"e0"';
    if (req.headers['if-none-match'] === etag) return { status: 304, body: undefined, headers: { ETag: etag } };
    return { status: 200, body: { events: [], cursor: '0' }, headers: { ETag: etag } };
  }
  const m = /^\/cases\/([^/]+)(?:\/(messages|history|files))?$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]);
    if (!m[2]) {
      const c = await adapter.getCase(id);
      return { status: 200, body: c, headers: { ETag: `"${c.version}"` } };
    }
    if (m[2] === 'messages') {
      const limit = url.searchParams.get('limit');
      const query = { cursor: url.searchParams.get('cursor') ?? undefined, ...(limit ? { limit: Number(limit) } : {}) };
      return { status: 200, body: await adapter.listMessages(id, query) };
    }
    if (m[2] === 'history') return { status: 200, body: { items: await adapter.listHistory(id) } };
    return { status: 200, body: { items: await adapter.listFiles(id) } };
  }
  throw new AdapterError('not_found', { backendMessage: `No route ${path} in this test server.` });
}

function serveStatic(roots, pathname, res) {
  const rel = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
  for (const root of roots) {
    const file = join(root, rel);
    if (!file.startsWith(root + sep)) break;
    let stat;
    try {
      stat = statSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}
