// `vite build --config vite.bundle.config.ts`: the one-file build for site builders:
//   <script type="module" src=".../case-portal.js"></script>
// Registers every element and includes the memory and REST adapters; Lit and everything else is
// inlined, no chunks, minified. Leaves the rest of dist/ (the demo build) alone.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  // Bundle from the packages' TypeScript source ("source" export condition), not their dist/.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./packages/elements/src/bundle.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'case-portal.js',
    },
    rolldownOptions: {
      external: [],
      output: {
        minify: true, // TOOLCHAIN pitfall 8
        codeSplitting: false, // one file, even for dynamic imports
      },
    },
  },
});
