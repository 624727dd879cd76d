// `npm start`: serves demo/ (demo/index.html and the other demo pages) with the elements from source.
// A demo page may load the elements as
//   <script type="module" src="/packages/elements/src/bundle.ts"></script>   (repo path, like the bundle)
//   import '@case-portal/elements/define/all.js'                              (workspace package)
// Workspace packages resolve to their TypeScript source (the "source" export condition): no build
// needed. TS decorators are compiled with tsconfig.base.json's flags (experimentalDecorators,
// useDefineForClassFields: false), which vite finds through each packages/<name>/tsconfig.json.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

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
  server: {
    port: 5173,
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
