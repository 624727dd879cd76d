// Node side of test/manifest.test.ts: what each element's source can dispatch and which part names
// and slot names it writes, read from the code itself (not from a hand list).
//
// An element's code = its main module and every module reachable from it through relative imports,
// except other elements' folders and define/ (those are other elements, with their own manifest).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../packages/elements/src');
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)\.js['"]/g;

/** Element folders: case-*\/case-*.ts. */
function elementFolders() {
  return readdirSync(SRC).filter((d) => d.startsWith('case-') && statSync(join(SRC, d)).isDirectory());
}

function closure(entry, ownFolder) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), `${m[1]}.ts`);
      const top = relative(SRC, target).split('/')[0];
      if (top === 'define' || (top.startsWith('case-') && top !== ownFolder)) continue;
      if (target.startsWith(SRC) && !target.endsWith('.test.ts')) queue.push(target);
    }
  }
  return [...seen];
}

/** Event class name → event name, from events.ts (`static readonly eventName = 'case-…'`). */
function eventNames() {
  const text = readFileSync(join(SRC, 'events.ts'), 'utf8');
  const map = new Map();
  for (const m of text.matchAll(/export class (\w+) extends CaseEvent[\s\S]*?eventName = '([^']+)'/g)) map.set(m[1], m[2]);
  return map;
}

/**
 * Part names a module writes: the tokens of every `part="…"` attribute (`${…}` inside a token makes
 * it a pattern `prefix-{…}`), and the string literals of every `part=${…}` expression and of
 * variables the code names `…Part` (e.g. `linkPart: 'message-link'`), and `part: '…'` options
 * (e.g. `renderFailureBox(text, { part: 'history-error' })`).
 */
function partNames(text) {
  const names = new Set();
  for (const m of text.matchAll(/\bpart="([^"]*)"/g)) {
    for (const token of m[1].split(/\s+/)) {
      if (!token) continue;
      if (/^\$\{[^}]*\}$/.test(token)) continue; // a whole variable: its literals are found below
      names.add(token.replace(/\$\{[^}]*\}/g, '{key}'));
    }
  }
  const literalsIn = (expr) => {
    for (const s of expr.matchAll(/'([^']*)'|`([^`]*)`/g)) {
      for (const token of (s[1] ?? s[2]).split(/\s+/)) if (/^[a-z][a-z0-9-]*(\$\{[^}]*\})?$/.test(token)) names.add(token.replace(/\$\{[^}]*\}/g, '{key}'));
    }
  };
  for (const m of text.matchAll(/\bpart=\$\{/g)) literalsIn(balanced(text, m.index + m[0].length));
  for (const m of text.matchAll(/\b(?:const|let)\s+\w*[pP]art\s*=\s*([^;\n]+)/g)) literalsIn(m[1]);
  for (const m of text.matchAll(/\b\w+Part\s*(?:\?\?|:)\s*([^;,\n]+)/g)) literalsIn(m[1]);
  for (const m of text.matchAll(/\bpart:\s*('[^']*'|`[^`]*`)/g)) literalsIn(m[1]);
  return new Set([...names].filter((n) => /^[a-z][a-z0-9-]*(\{key\})?$/.test(n)));
}

/** The text of a `${…}` expression starting at `from`, nested `${…}` included. */
function balanced(text, from) {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(from, i);
  }
  return '';
}

export function scanElements() {
  const events = eventNames();
  const out = {};
  for (const folder of elementFolders()) {
    const entry = join(SRC, folder, `${folder}.ts`);
    const files = closure(entry, folder);
    const fired = new Set();
    const parts = new Set();
    const slots = new Set();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/<slot(?:\s+name="([^"]*)")?[\s>]/g)) slots.add(m[1] ?? '');
      for (const m of text.matchAll(/new (\w+)\(/g)) if (events.has(m[1])) fired.add(events.get(m[1]));
      for (const p of partNames(text)) parts.add(p);
    }
    out[folder] = { files: files.map((f) => relative(SRC, f)).sort(), events: [...fired].sort(), parts: [...parts].sort(), slots: [...slots].sort() };
  }
  return out;
}

/** The wtr plugin: `executeServerCommand('scan-element-sources')` answers with scanElements(). */
export function elementSourcesPlugin() {
  return {
    name: 'scan-element-sources',
    executeCommand({ command }) {
      return command === 'scan-element-sources' ? scanElements() : undefined;
    },
  };
}

// `node test/manifest/source-scan.mjs` prints the scan, for a look at what the test compares against.
if (import.meta.main || globalThis.process?.argv[1] === import.meta.filename) console.log(JSON.stringify(scanElements(), null, 1));
