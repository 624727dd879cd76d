// wtr middleware for the REST adapter's upload deadline (packages/adapter-rest/src/upload.stall.test.ts):
// real HTTP answers that take a while, which msw cannot give (a service worker's answer arrives whole).
// The adapter appends its own paths (`/attachments`) to its base URL, so the behaviour is in the base:
//   POST /__slow/trickle-1200/…   reads the upload, then sends the answer's JSON over 1200 ms, a few
//                                 bytes every 100 ms: slow in total, but never stalled.
//   POST /__slow/silent-1500/…    reads the upload, then sends nothing for 1500 ms, then the answer.
const ATTACHMENT = { id: 'slow-1', name: 'a.txt', size: 3, type: 'text/plain', url: '/f/slow-1' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain(req) {
  for await (const _chunk of req) {
    // The body is read and dropped: only the timing matters here.
  }
}

export async function slowAnswers(ctx, next) {
  const m = /^\/__slow\/(trickle|silent)-(\d+)\//.exec(ctx.path);
  if (!m || ctx.method !== 'POST') return next();
  const mode = m[1];
  const ms = Math.min(10_000, Number(m[2]));
  await drain(ctx.req);
  ctx.respond = false;
  const res = ctx.res;
  const body = JSON.stringify({ ...ATTACHMENT, key: ctx.get('Idempotency-Key') });
  if (mode === 'silent') {
    await sleep(ms);
    res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(body);
    return undefined;
  }
  // Whitespace before the JSON is still JSON: it lets the answer arrive a little at a time.
  res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  const steps = Math.max(1, Math.round(ms / 100));
  for (let i = 0; i < steps && !res.destroyed; i++) {
    res.write(' '.repeat(64));
    await sleep(100);
  }
  res.end(body);
  return undefined;
}
