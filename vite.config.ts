// `vite build`: the library build for npm consumers: per-element ES modules in dist/lib/.
//   dist/lib/elements/index.js              classes, no side effects
//   dist/lib/elements/define/<tag>.js       registers one tag (define/all.js registers all)
//   dist/lib/adapter-memory/index.js, adapter-rest/index.js, core/index.js
//   dist/lib/chunks/*.js                    code shared between entries
// lit / @lit/* stay external so an app that also uses Lit loads one copy.
// The single-file <script> build is vite.bundle.config.ts.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const defineDir = here('./packages/elements/src/define/');
const defineEntries = Object.fromEntries(
  readdirSync(defineDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => [`elements/define/${f.replace(/\.ts$/, '')}`, defineDir + f]),
);

// Lit and its family: peer-style dependencies, never inlined into the library build.
const external = [/^lit($|\/)/, /^lit-html($|\/)/, /^lit-element($|\/)/, /^@lit\//, /^@lit-labs\//];

export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: {
        'elements/index': here('./packages/elements/src/index.ts'),
        ...defineEntries,
        'core/index': here('./packages/core/src/index.ts'),
        'adapter-memory/index': here('./packages/adapter-memory/src/index.ts'),
        'adapter-rest/index': here('./packages/adapter-rest/src/index.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      output: {
        // Library mode keeps whitespace unless asked (TOOLCHAIN pitfall 8).
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
