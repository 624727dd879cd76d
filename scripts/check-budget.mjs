// The first screen's byte budget (issue 11): a page with `api=` downloads only the single file's
// entry before the list paints (test/bundle-split.test.ts checks that no chunk comes with it), so
// the entry's size, minified and gzip -9 as `npm run bench` measures it, is that figure. It is
// checked on every test run, not only in the bench: the margin is small, and a byte the entry gains
// must be paid for by another it loses (or the goal raised, on purpose, in bench/figures/bundle-split.mjs).
//
// Usage: node scripts/check-budget.mjs (after `npm run build`). Exit 1 when over budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
// The bench's goal itself, so the two cannot drift (importing the figure module runs nothing).
import { goals } from '../bench/figures/bundle-split.mjs';

const root = resolve(import.meta.dirname, '..');
const FIRST_SCREEN_BUDGET = goals['bundle.firstScreen.rest.gzipBytes'];

const entry = join(root, 'dist', 'case-portal.js');
const bytes = gzipSync(readFileSync(entry), { level: 9 }).length;
const ok = bytes <= FIRST_SCREEN_BUDGET;
const line = `first screen (dist/case-portal.js, gzip -9): ${bytes.toLocaleString('en')} B of ${FIRST_SCREEN_BUDGET.toLocaleString('en')} B`;
console.log(ok ? `✓ ${line}, ${(FIRST_SCREEN_BUDGET - bytes).toLocaleString('en')} B to spare` : `✗ ${line}: ${(bytes - FIRST_SCREEN_BUDGET).toLocaleString('en')} B over. Move what the first screen does not need into a chunk (see docs/architecture.md, "Loading plan").`);

process.exitCode = ok ? 0 : 1;
