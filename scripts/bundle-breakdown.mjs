// `node scripts/bundle-breakdown.mjs [--all] [--top N]`: what each file of the single file holds.
// For dist/case-portal.js and every dist/case-portal-chunks/*.js: the file's min + gzip -9 bytes, then
// the minified bytes each source module contributes (from the file's source map: every mapped
// segment's bytes up to the next segment go to that segment's source; unmapped bytes are "(unmapped)"),
// with a gzip estimate (the module's share of the file's minified bytes × the file's gzip bytes).
// Sources are printed relative to the repo, node_modules folded to their package name.
// Prints the top N modules per file (default 12; --all for every one), the total against all files
// gzipped as one (what splitting costs), and a module found in two files (a duplicate) as a warning.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const top = args.includes('--all') ? Infinity : Number(args[args.indexOf('--top') + 1]) || 12;

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one segment's base64 VLQ fields. */
function vlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64[c];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Minified bytes per source of one generated file (lines are measured in UTF-8 bytes). */
function bytesPerSource(code, map) {
  const lines = code.split('\n');
  const sizes = new Map();
  const add = (name, n) => n > 0 && sizes.set(name, (sizes.get(name) ?? 0) + n);
  let source = 0;
  map.mappings.split(';').forEach((line, i) => {
    const text = Buffer.from(lines[i] ?? '');
    let column = 0;
    let prev = { at: 0, name: '(unmapped)' };
    for (const seg of line ? line.split(',') : []) {
      const f = vlq(seg);
      column += f[0];
      add(prev.name, column - prev.at);
      if (f.length >= 4) source += f[1];
      prev = { at: column, name: f.length >= 4 ? map.sources[source] : '(unmapped)' };
    }
    add(prev.name, text.length - prev.at);
    if (i < lines.length - 1) add('(unmapped)', 1); // the newline
  });
  return sizes;
}

function label(source, mapDir) {
  const path = relative(root, resolve(mapDir, source));
  const nm = path.lastIndexOf('node_modules/');
  if (nm < 0) return path;
  const rest = path.slice(nm + 'node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

const chunkDir = join(dist, 'case-portal-chunks');
const files = [join(dist, 'case-portal.js'), ...(existsSync(chunkDir) ? readdirSync(chunkDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(chunkDir, f)) : [])];
const owners = new Map();
let total = 0;
for (const file of files) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const gzip = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
  const min = Buffer.byteLength(code);
  total += gzip;
  const perModule = new Map();
  for (const [source, n] of bytesPerSource(code, map)) {
    const name = source === '(unmapped)' ? source : label(source, join(file, '..'));
    perModule.set(name, (perModule.get(name) ?? 0) + n);
    if (source === '(unmapped)') continue;
    const path = relative(root, resolve(join(file, '..'), source)); // the module itself, not its package
    owners.set(path, [...new Set([...(owners.get(path) ?? []), relative(dist, file)])]);
  }
  console.log(`\n${relative(dist, file)}  ${min} min, ${gzip} gzip`);
  const rows = [...perModule].sort((a, b) => b[1] - a[1]);
  for (const [name, n] of rows.slice(0, top)) console.log(`  ${String(n).padStart(7)}  ~${String(Math.round((n / min) * gzip)).padStart(6)} gz  ${name}`);
  if (rows.length > top) console.log(`  … ${rows.length - top} more modules, ${rows.slice(top).reduce((s, [, n]) => s + n, 0)} bytes`);
}
// What the split costs in bytes: every file gzipped alone starts with an empty dictionary.
const together = gzipSync(Buffer.concat(files.map((f) => readFileSync(f))), { level: constants.Z_BEST_COMPRESSION }).length;
console.log(`\n${files.length} files, ${total} gzip in all (all of them as one file: ${together})`);
for (const [name, where] of owners) if (where.length > 1) console.log(`duplicate: ${name} in ${where.join(', ')}`);
