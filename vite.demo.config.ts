// `npm start` (scripts/start.mjs): the case server on 127.0.0.1:8787 (SQLite under data/, the demo
// seeded on first start), and this: demo/ (demo/index.html and the other demo pages) with the
// elements from source, the host site's demo sign-in and token endpoint (demo/host-site.ts), and
// /api/portal proxied to the case server, so the portal and its API share one origin.
// A demo page may load the elements as
//   <script type="module" src="/packages/elements/src/bundle.ts"></script>   (repo path, like the bundle)
//   import '@case-portal/elements/define/all.js'                              (workspace package)
// Workspace packages resolve to their TypeScript source (the "source" export condition): no build
// needed. TS decorators are compiled with tsconfig.base.json's flags (experimentalDecorators,
// useDefineForClassFields: false), which vite finds through each packages/<name>/tsconfig.json.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { demoHostSite } from './demo/host-site.js';

const repo = fileURLToPath(new URL('./', import.meta.url));
const demo = `${repo}demo/`;

// Every demo/*.html page is an entry of `vite build --config vite.demo.config.ts` (→ dist/demo).
const pages = Object.fromEntries(
  (() => {
    try {
      return readdirSync(demo).filter((f) => f.endsWith('.html'));
    } catch {
      return [];
    }
  })().map((f) => [f.replace(/\.html$/, ''), demo + f]),
);

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

/**
 * /dist/… (the built single file, demo/bundle.html) served byte for byte, as a CDN serves it. Through
 * vite's transforms the chunks' imports of the entry became /@fs/… URLs: the page ran two copies of
 * the entry, the chunks registered their text in the second one, and the case view showed message
 * keys instead of text.
 */
const distAsBuilt: Plugin = {
  name: 'case-portal:dist-as-built',
  configureServer(server) {
    const dist = resolve(repo, 'dist');
    server.middlewares.use('/dist', (req, res, next) => {
      const file = resolve(dist, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://demo').pathname)}`);
      const type = TYPES[file.slice(file.lastIndexOf('.'))];
      if (!file.startsWith(dist + sep) || !type || !statSync(file, { throwIfNoEntry: false })?.isFile()) return next();
      res.setHeader('content-type', type);
      res.setHeader('cache-control', 'no-cache');
      createReadStream(file).pipe(res);
    });
  },
};

export default defineConfig({
  root: demo,
  // demo/public/ (if any) is served at /.
  publicDir: 'public',
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    // "/packages/…" in a demo page means the repo's packages/, not demo/packages/; likewise "/dist/…"
    // (demo/bundle.html loads ../dist/case-portal.js, the built single file: run `npm run build` first).
    alias: [
      { find: /^\/packages\//, replacement: `${repo}packages/` },
      { find: /^\/dist\//, replacement: `${repo}dist/` },
    ],
  },
  plugins: [distAsBuilt, demoHostSite()],
  server: {
    port: 5173,
    proxy: {
      // The case server's routes under the site's own path (what a reverse proxy does in production).
      '/api/portal': {
        target: process.env.CASE_SERVER_URL ?? 'http://127.0.0.1:8787',
        rewrite: (path) => path.replace(/^\/api\/portal/, '') || '/',
      },
    },
    // The elements live outside demo/: let the dev server read the whole repo.
    fs: { allow: [repo] },
  },
  preview: { port: 4173 },
  build: {
    outDir: `${repo}dist/demo`,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: pages },
  },
});
