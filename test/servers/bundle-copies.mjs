// wtr plugin for the single file's tests (test/bundle-split.test.ts):
//   /copy-b/<path>          the repo's <path> again: a second copy of dist/ in another folder
//   /flaky/<token>/<path>   the same, but a chunk whose name starts with a "broken" prefix fails
//                           like a cut network (the connection is dropped, nothing is cached)
//   /__split/break?chunk=<prefix>, /__split/mend   set and clear the broken prefixes
//   /__split/refused?chunk=<prefix>                how many requests for a broken chunk of that prefix were cut
//                           (&token=<token>: only under /flaky/<token>/, so test files running
//                           side by side don't mend each other's breaks)
//   /__split/cross-origin.html?script=<url>        a portal page loading the single file from <url>
//                                                  (another origin); it posts what it saw to its parent
//   /__split/probe-<token>.js                      fails like a cut network the first time, then is a
//                                                  module: tells whether this browser fetches a failed
//                                                  dynamic import again (whatwg/html#10327) or keeps the failure
// The test runner marks every file cacheable for a year, 404s too; a fresh <token> per test
// keeps one test's cached chunks away from the next.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, normalize, sep } from 'node:path';

const COPY = /^\/(?:copy-b|flaky\/[\w-]+)\/(.*)$/;
const PROBE = /^\/__split\/probe-[\w-]+\.js$/;

export function bundleCopies(root) {
  /** Broken chunk-name prefixes by token ('' for every /flaky/ folder). */
  const broken = new Map();
  const tokenOf = (path) => /^\/flaky\/([\w-]+)\//.exec(path)?.[1];
  const isBroken = (path) => {
    const token = tokenOf(path);
    if (token === undefined || !path.includes('/case-portal-chunks/')) return false;
    const prefixes = [...(broken.get('') ?? []), ...(broken.get(token) ?? [])];
    return prefixes.some((p) => basename(path).startsWith(p));
  };
  const probed = new Set();
  /** The file names of the broken chunks' requests that were cut, in order. */
  const refused = [];
  return {
    plugin: {
      name: 'bundle-copies',
      serve(ctx) {
        if (PROBE.test(ctx.path)) return { body: 'export default 1;', type: 'js', headers: { 'cache-control': 'no-store' } };
        if (ctx.path === '/__split/break') {
          const token = String(ctx.query.token ?? '');
          if (!broken.has(token)) broken.set(token, new Set());
          broken.get(token).add(String(ctx.query.chunk));
          return { body: 'ok', type: 'text' };
        }
        if (ctx.path === '/__split/refused') {
          const prefix = String(ctx.query.chunk);
          return { body: String(refused.filter((name) => name.startsWith(prefix)).length), type: 'text', headers: { 'cache-control': 'no-store' } };
        }
        if (ctx.path === '/__split/mend') {
          // Without a token: the breaks for every folder; a token's own breaks stay until it mends them.
          broken.delete(String(ctx.query.token ?? ''));
          return { body: 'ok', type: 'text' };
        }
        if (ctx.path === '/__split/cross-origin.html') return { body: crossOriginPage(String(ctx.query.script)), type: 'html' };
        const m = COPY.exec(ctx.path);
        if (!m) return undefined;
        const file = normalize(join(root, decodeURIComponent(m[1])));
        if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) return undefined;
        const type = file.endsWith('.html') ? 'html' : file.endsWith('.map') ? 'json' : 'js';
        // /copy-b/ is also the "CDN" of the cross-origin test: module scripts are fetched with CORS.
        return { body: readFileSync(file, 'utf8'), type, headers: { 'access-control-allow-origin': '*' } };
      },
    },
    /** Koa middleware: a broken chunk's request gets no answer at all. */
    middleware(ctx, next) {
      const firstProbe = PROBE.test(ctx.path) && !probed.has(ctx.path);
      if (firstProbe) probed.add(ctx.path);
      if (!firstProbe && !isBroken(ctx.path)) return next();
      if (!firstProbe) refused.push(basename(ctx.path));
      ctx.respond = false;
      ctx.req.socket.destroy();
      return undefined;
    },
  };
}

function crossOriginPage(script) {
  const src = JSON.stringify(script);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src=${src}></script></head>
<body><case-portal></case-portal>
<script type="module">
  const rows = () => document.querySelector('case-portal')?.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;
  const until = async (ok) => { const end = Date.now() + 15000; while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50)); return ok(); };
  (async () => {
    const painted = await until(() => rows() > 0);
    const preloaded = await until(() => customElements.get('case-thread'));
    const chunks = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/case-portal-chunks/')).map((n) => new URL(n).origin);
    parent.postMessage({ splitCrossOrigin: { painted, preloaded: !!preloaded, chunkOrigins: [...new Set(chunks)], pageOrigin: location.origin } }, '*');
  })();
</script></body></html>`;
}
