// `vite build --config vite.bundle.config.ts`: the single file for site builders:
//   <script type="module" src=".../case-portal.js"></script>
// The entry (case-portal.js) holds the first screen: portal, list, the REST adapter's reads, Lit.
// The rest are chunks next to it (dist/case-portal-chunks/<name>-<hash>.js), which the entry
// imports with relative dynamic imports: the browser resolves them against the entry's own URL
// (import.meta.url), so a CDN folder or another origin (with CORS) works, and two copies of the
// library in two folders each load their own. Hashed names: a new build never meets an old chunk
// in a cache. Leaves the rest of dist/ (the demo build) alone.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { trimHtmlLiteralsPlugin } from './scripts/trim-html-literals.mjs';

const chunkDir = 'case-portal-chunks';

// dist/ is not emptied (the demo build lives there too): drop the previous build's chunks.
const cleanChunks: Plugin = {
  name: 'case-portal:clean-chunks',
  buildStart() {
    rmSync(fileURLToPath(new URL(`./dist/${chunkDir}`, import.meta.url)), { recursive: true, force: true });
  },
};

export default defineConfig({
  // Bundle from the packages' TypeScript source ("source" export condition), not their dist/.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [cleanChunks, minifyCssLiterals(), trimHtmlLiteralsPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    reportCompressedSize: false,
    // Lib mode would inline nothing else; modulepreload helpers would need a document base URL.
    modulePreload: false,
    lib: {
      entry: fileURLToPath(new URL('./packages/elements/src/bundle.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'case-portal.js',
    },
    rolldownOptions: {
      external: [],
      // The entry may export more than bundle.ts does: lets rolldown merge what the first screen and
      // a chunk share into the entry (one file for the first screen) instead of a common chunk.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true, // TOOLCHAIN pitfall 8
        // The groups (highest priority first; each takes what it captures and their dependencies):
        codeSplitting: {
          groups: [
            // Everything the entry imports statically: rolldown folds this group into the entry itself,
            // so the first screen is one file (without it: the entry and 4 small shared chunks).
            { name: 'first-screen', tags: ['$initial'], priority: 4 },
            // The access and attachment rules: the memory adapter and the case view share them.
            { name: 'rules', test: /\/core\/src\/(policy|attachments)\.ts$/, priority: 3 },
            // The templates engine: a list's or a case view's <template>, with the list's cards (they
            // would be a file of their own, always fetched with this one).
            { name: 'template-format', test: /\/(core\/src\/template\/|elements\/src\/(shared\/template-format|case-list\/card-templates|case-list\/cards-view))/, priority: 2 },
            // The case view and its conversation always open together: one file, no waterfall. The
            // create form imports the field and attachment helpers it shares with them from here, and the
            // REST adapter its case calls (one case, its messages, history and files, every write, the
            // first of which only these views and the form make), its upload code and its live updates
            // (the stream client, its parser, the poller: loaded by the first subscribe, which only these
            // views make).
            { name: 'case-view', test: /\/(elements\/src\/case-(detail|thread)\/|adapter-rest\/src\/(case-calls|upload|live-events|sse-parser|poller)\.ts$)/, priority: 1 },
          ],
        },
        // Named after what they hold (the memory adapter's package entry would be "src"); a language's
        // catalog is locale-<lang> (the bench counts those apart: a page loads one at most).
        chunkFileNames: (chunk) =>
          `${chunkDir}/${
            chunk.facadeModuleId?.includes('/adapter-memory/')
              ? 'memory-adapter'
              : chunk.facadeModuleId?.includes('/i18n/locales/')
                ? 'locale-[name]'
                : '[name]'
          }-[hash].js`,
      },
    },
  },
});
