// <case-list> on the MemoryAdapter holding 100,000 cases, in the built bundle (dist/case-portal.js:
// production Lit, minified), headless Chromium at 1280×900.
//
// "Painted" (the same for the list and the baseline): after the DOM change, the next frame —
//   await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
// and performance.now() there. The list's DOM change is "settled": `el.updateComplete` resolved
// true (no further update queued), the results are not aria-busy (the list's Task is done) and the
// expected change is there (rows exist / the row order changed). Everything is timed inside the
// page (no DevTools round trips in the figures); clicks and keystrokes are dispatched in the page:
// `button.click()`, and `input.value = …` + an `input` event.
//
// Figures (median over RUNS fresh pages, each in a fresh browser context):
//   memory.seed.100k.ms               new MemoryAdapter({ storage: null, caseCount: 100000 }): generating the demo data
//   memory.warmup.100k.ms             construction → the idle-time warm-up has indexed the keywords and built every sortable key's order
//   memory.warmup.100k.longestWait.ms the latest a 20 ms timer fired during that warm-up, over all runs: how long an input
//                                     arriving meanwhile waits for the warm-up's task to end (goal ≤ 50: no long task)
//   list.firstRender.100k.ms          `el.adapter = adapter` + append → first rows painted; right after construction (cold index)
//   list.firstRender.100k.warm.ms     the same, with a fresh adapter after its idle warm-up finished
//   list.filterKeystroke.100k.p50.ms  one keystroke in #keyword → updated rows painted (KEYSTROKES below; all runs pooled)
//   list.filterKeystroke.100k.p90.ms
//   list.sort.100k.ms                 click on the subject / number header → re-sorted rows painted, after warm-up
//                                     (subject asc, subject desc, number asc, number desc per run; all runs pooled)
//   list.sort.100k.cold.ms            click on the subject header right after the cold first paint (its order not built yet:
//                                     the index sorts only the first page, see docs/architecture.md)
//   list.domRows.100k                 `tbody tr[part~="row"]` after the first render settled (two more frames)
//   list.domRows.100k.afterScroll     page-size="1000", window scrolled to the bottom until ≥ 2,000 rows are loaded,
//                                     then scrolled through them top to bottom: the most rows in the DOM at any step
//   baseline.vanillaRender.100k.ms    the same first screenful (same rows, checked) by plain DOM code: the readable
//                                     cases of the 100,000 taken from the adapter's index, sorted by updatedAt desc
//                                     (case number on ties, as the list), createElement + textContent, painted
//   list.firstRender.ratioToVanilla   list.firstRender.100k.ms / baseline.vanillaRender.100k.ms
//
// The console also gets a breakdown of each timed interaction (medians of each part, so they need not add up):
//   query  = time inside the adapter's CaseIndex.query (the synchronous query work; an internal, probed if present)
//   lit    = time inside the list's Lit updates (performUpdate), how many, and two parts of it: update()
//            (render + commit) and updated() (the list's own after-render work; rows are measured by a
//            ResizeObserver after the browser's layout, so a forced style + layout here is a regression)
//   other  = the rest until the DOM settled (event handling, microtasks, the adapter's copies, setup)
//   paint  = settled → painted (whatever style/layout is left, the frame, paint)
import { benchPage, median, onPage as onPageShared, percentile } from '../lib/pages.mjs';
const RUNS = 5;
const CASES = 100_000;

/** Typed one value at a time into the keyword box: narrowing, widening (backspace), clearing, a second word. */
const KEYSTROKES = ['r', 'ro', 'rou', 'rout', 'route', 'router', 'route', 'rout', 'rou', 'ro', 'r', '', 'i', 'in', 'inv', 'invo', 'invoi', 'invoic', 'invoice', 'invoic'];
/** Pause between keystrokes (a fast typist), so each starts from an idle main thread. */
const TYPING_GAP_MS = 60;
/** Header clicks after warm-up, in this order. */
const SORT_CLICKS = ['subject', 'subject', 'number', 'number'];

/** Upper bounds (figure ≤ goal); bench/run.mjs prints PASS/MISS next to each figure. */
export const goals = {
  'list.firstRender.100k.ms': 100,
  'list.filterKeystroke.100k.p50.ms': 16,
  'list.filterKeystroke.100k.p90.ms': 16,
  'list.sort.100k.ms': 50,
  'list.sort.100k.cold.ms': 50,
  'list.domRows.100k': 100,
  'list.domRows.100k.afterScroll': 100,
  'memory.warmup.100k.longestWait.ms': 50,
};

const PAGE = benchPage('case-list bench', `  table.vanilla { width: 100%; table-layout: fixed; border-collapse: collapse; }
  table.vanilla th, table.vanilla td { padding: 8px; border-bottom: 1px solid #ddd; text-align: start; }`);

// ---------------------------------------------------------------------------------------------
// In-page code (serialized by playwright: no references to this module's scope).

/** Loads the bundle and installs the timing helpers as window.__lb. */
async function install() {
  const mod = await import('/case-portal.js').then(async (m) => ({ ...m, ...(await m.loadMemoryModule()) })); // the memory adapter is a chunk
  await customElements.whenDefined('case-list');
  const { sleep, painted, timeInto } = window.__bench;
  const rowsOf = (el) => (el.shadowRoot ? Array.from(el.shadowRoot.querySelectorAll('tbody tr[part~="row"]')) : []);
  const idsOf = (el) => rowsOf(el).map((r) => r.dataset.id).join(' ');
  const busy = (el) => el.shadowRoot?.querySelector('[part~="results"]')?.getAttribute('aria-busy') === 'true';
  /** Settled: no update queued, no mutation since, the list not busy (its Task done) and `ready()`. */
  const settle = (el, ready, timeoutMs) => window.__bench.settle(el, () => !busy(el) && ready(), timeoutMs);

  /** Time spent in the adapter's index (CaseIndex.query: the synchronous query work) and in Lit updates. */
  const acc = { query: 0, lit: 0, render: 0, updated: 0, updates: 0 };
  /** The breakdown's probes: own properties over the prototype methods (internals: skipped when renamed). */
  function instrument(adapter, el) {
    if (typeof adapter.index?.query === 'function') timeInto(adapter.index, 'query', (ms) => (acc.query += ms));
    else acc.query = NaN;
    // performUpdate = willUpdate + controllers + update() (render + commit) + updated() (no layout read
    // expected there: the window controller takes row sizes from a ResizeObserver).
    timeInto(el, 'performUpdate', (ms) => {
      acc.lit += ms;
      acc.updates++;
    });
    timeInto(el, 'update', (ms) => (acc.render += ms));
    timeInto(el, 'updated', (ms) => (acc.updated += ms));
  }

  /** act() → settled → painted, with the breakdown. */
  async function timed(el, act, ready) {
    const keep = Number.isNaN(acc.query);
    Object.assign(acc, { query: keep ? NaN : 0, lit: 0, render: 0, updated: 0, updates: 0 });
    const t0 = performance.now();
    act();
    const settled = await settle(el, ready);
    const { query, lit, render, updated, updates } = acc;
    await painted();
    const t1 = performance.now();
    return { ms: t1 - t0, query, lit, render, updated, other: settled - t0 - (query || 0) - lit, paint: t1 - settled, updates };
  }

  function seed() {
    const t = performance.now();
    const adapter = new mod.MemoryAdapter({ storage: null, caseCount: 100_000 });
    return { adapter, seedMs: performance.now() - t };
  }

  /** Waits until the idle warm-up has indexed the keywords and built every sortable key's order (the adapter's internals; else 3 s). */
  async function warmedUp(adapter) {
    const keys = (await adapter.describe()).sortable.length;
    const index = adapter.index;
    const orders = index?.keyOrders;
    if (!(orders instanceof Map) || typeof index.keywordsIndexed !== 'boolean') {
      console.warn('bench: MemoryAdapter internals changed (index.keyOrders, index.keywordsIndexed): waiting a fixed 3 s for the warm-up');
      await sleep(3000);
      return { ms: NaN, longestWait: NaN };
    }
    const t = performance.now();
    // How late each of these 20 ms timers fired: what an input arriving meanwhile would have waited.
    let longestWait = 0;
    while (orders.size < keys || !index.keywordsIndexed) {
      if (performance.now() - t > 30_000) throw new Error(`warm-up unfinished after 30 s (${orders.size}/${keys} keys, keywords indexed: ${index.keywordsIndexed})`);
      const due = performance.now() + 20;
      await sleep(20);
      longestWait = Math.max(longestWait, performance.now() - due);
    }
    return { ms: performance.now() - t, longestWait };
  }

  const numbersOf = (el) => rowsOf(el).map((r) => r.querySelector('[part~="cell-number"]')?.textContent.trim() ?? '');

  window.__lb = { MemoryAdapter: mod.MemoryAdapter, sleep, painted, rowsOf, idsOf, settle, instrument, timed, seed, warmedUp, numbersOf };
}

/** Cold: construct, set on a list at once, first paint, then click the subject header at once. */
async function coldRun() {
  const B = window.__lb;
  const { adapter, seedMs } = B.seed();
  const el = document.createElement('case-list');
  B.instrument(adapter, el);
  const first = await B.timed(
    el,
    () => {
      el.adapter = adapter;
      document.body.append(el);
    },
    () => B.rowsOf(el).length > 0,
  );
  const rows = B.rowsOf(el).length;
  const numbers = B.numbersOf(el);
  const subjectWasWarm = adapter.index?.keyOrders?.has('subject') ?? null;
  const before = B.idsOf(el);
  const button = el.shadowRoot.querySelector('[part~="sort-button"][data-key="subject"]');
  if (!button) throw new Error('no [part~="sort-button"][data-key="subject"]');
  const sort = await B.timed(el, () => button.click(), () => B.idsOf(el) !== before);
  return { seedMs, first, rows, numbers, sort, subjectWasWarm };
}

/** The same first screenful by plain DOM code: filter the readable cases, sort, build rows, paint. */
async function vanillaRun(rowCount) {
  const B = window.__lb;
  const { adapter, seedMs } = B.seed();
  const viewer = await adapter.viewer();
  const index = adapter.index;
  if (typeof index?.all !== 'function') throw new Error('MemoryAdapter internals changed (index.all)');
  const locale = document.documentElement.lang || navigator.language;

  const t0 = performance.now();
  const can = (p) => viewer.permissions.includes(p);
  const accountId = can('read-account') ? viewer.account?.id : undefined;
  const readable = [];
  for (const c of index.all()) {
    if (!can('read')) break;
    if (c.requester.id === viewer.id || (accountId && c.account?.id === accountId) || c.contacts?.some((p) => p.id === viewer.id)) {
      readable.push({ t: Date.parse(c.updatedAt) || 0, n: /^\d+$/.test(c.number) ? Number(c.number) : c.number, c });
    }
  }
  // Newest change first; equal timestamps by case number (the list's order).
  readable.sort((a, b) => b.t - a.t || (typeof a.n === 'number' && typeof b.n === 'number' ? a.n - b.n : String(a.n) < String(b.n) ? -1 : 1));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const table = document.createElement('table');
  table.className = 'vanilla';
  const head = table.createTHead().insertRow();
  for (const label of ['Number', 'Subject', 'Status', 'Updated']) {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const { c } of readable.slice(0, rowCount)) {
    const tr = document.createElement('tr');
    tr.dataset.id = c.id;
    const number = document.createElement('td');
    number.textContent = c.number;
    const subject = document.createElement('td');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = c.subject;
    subject.append(open);
    const status = document.createElement('td');
    const badge = document.createElement('span');
    badge.dataset.category = c.status.category;
    badge.textContent = c.status.label;
    status.append(badge);
    const updated = document.createElement('td');
    updated.textContent = date.format(new Date(c.updatedAt));
    tr.append(number, subject, status, updated);
    body.append(tr);
  }
  document.body.append(table);
  const built = performance.now();
  await B.painted();
  const t1 = performance.now();
  const numbers = Array.from(body.rows, (r) => r.cells[0].textContent);
  return { seedMs, ms: t1 - t0, build: built - t0, paint: t1 - built, numbers, total: readable.length };
}

/** Warm: construct, wait for the idle warm-up, first render, rows, keystrokes, sorts, then a long scrolled list. */
async function warmRun({ keystrokes, gapMs, sortClicks }) {
  const B = window.__lb;
  const { adapter, seedMs } = B.seed();
  const t = performance.now();
  // NaN when the warm-up could not be observed (a fixed wait instead).
  const warmup = await B.warmedUp(adapter);
  const warmupMs = Number.isNaN(warmup.ms) ? NaN : performance.now() - t;
  await B.sleep(100);

  const el = document.createElement('case-list');
  B.instrument(adapter, el);
  const first = await B.timed(
    el,
    () => {
      el.adapter = adapter;
      document.body.append(el);
    },
    () => B.rowsOf(el).length > 0,
  );
  await B.painted();
  await B.painted();
  const domRows = B.rowsOf(el).length;

  const input = el.shadowRoot.querySelector('#keyword');
  if (!input) throw new Error('no #keyword in <case-list>');
  const typing = (value) => () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    // The figure is "a keystroke applied at once": a debounced list would measure nothing here.
    if (!el.isUpdatePending) throw new Error(`keystroke "${value}" queued no update (debounced?)`);
  };
  const keys = [];
  for (const value of keystrokes) {
    await B.sleep(gapMs);
    keys.push({ value, ...(await B.timed(el, typing(value), () => true)) });
  }
  if (input.value) {
    await B.sleep(gapMs);
    await B.timed(el, typing(''), () => true);
  }

  const sorts = [];
  for (const key of sortClicks) {
    await B.sleep(150);
    const before = B.idsOf(el);
    const button = el.shadowRoot.querySelector(`[part~="sort-button"][data-key="${key}"]`);
    if (!button) throw new Error(`no [part~="sort-button"][data-key="${key}"]`);
    sorts.push({ key, ...(await B.timed(el, () => button.click(), () => B.idsOf(el) !== before)) });
  }
  el.remove();

  // A long list: 1,000 rows a page, scrolled to the end until ≥ 2,000 are loaded, then scrolled through.
  window.scrollTo(0, 0);
  const long = document.createElement('case-list');
  long.setAttribute('page-size', '1000');
  long.adapter = adapter;
  document.body.append(long);
  await B.settle(long, () => B.rowsOf(long).length > 0);
  await B.painted();
  const loadedRows = () => Math.max(-1, ...B.rowsOf(long).map((r) => Number(r.dataset.index))) + 1;
  let loaded = 0;
  for (let i = 0; i < 20 && loaded < 2000; i++) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await B.painted();
    await B.painted();
    await B.settle(long, () => true);
    await B.painted();
    loaded = loadedRows();
  }
  if (loaded < 2000) throw new Error(`scrolling to the end loaded only ${loaded} rows`);
  let maxRows = 0;
  let steps = 0;
  const height = document.documentElement.scrollHeight;
  for (let y = 0; y <= height; y += 1500) {
    window.scrollTo(0, y);
    await B.painted();
    await B.painted();
    maxRows = Math.max(maxRows, B.rowsOf(long).length);
    steps++;
  }
  long.remove();
  return { seedMs, warmupMs, warmupLongestWait: warmup.longestWait, first, domRows, keys, sorts, loaded, maxRows, steps };
}

// ---------------------------------------------------------------------------------------------
// Node side.

function breakdown(label, samples) {
  const m = (k) => median(samples.map((s) => s[k])).toFixed(1);
  console.log(
    `bench:   ${label.padEnd(28)} ${m('ms').padStart(6)} ms ≈ query ${m('query')} + lit ${m('lit')} [${m('updates')} updates: render+commit ${m('render')}, updated() ${m('updated')}] + other ${m('other')} + paint ${m('paint')}  (medians, n=${samples.length})`,
  );
}

/** One fresh page: the bench set-up installed, then `fn(arg)` evaluated in it. */
function onPage(browser, origin, fn, arg) {
  return onPageShared(browser, origin, '/list.html', install, undefined, (page) => page.evaluate(fn, arg));
}

export async function measure({ browser, serve }) {
  const server = await serve({ pages: { '/list.html': PAGE } });
  const cold = [];
  const vanilla = [];
  const warm = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const c = await onPage(browser, server.origin, coldRun);
      cold.push(c);
      const v = await onPage(browser, server.origin, vanillaRun, c.rows);
      if (v.numbers.join() !== c.numbers.join()) {
        throw new Error(`baseline rows differ from the list's: ${v.numbers.slice(0, 5).join(',')}… vs ${c.numbers.slice(0, 5).join(',')}…`);
      }
      vanilla.push(v);
      warm.push(await onPage(browser, server.origin, warmRun, { keystrokes: KEYSTROKES, gapMs: TYPING_GAP_MS, sortClicks: SORT_CLICKS }));
    }
  } finally {
    await server.close();
  }

  const keys = warm.flatMap((w) => w.keys);
  const sorts = warm.flatMap((w) => w.sorts);
  const coldSorts = cold.map((c) => c.sort);
  if (cold.some((c) => c.subjectWasWarm)) console.warn('bench: the subject order was already built before a "cold" click');

  console.log(`bench: list: ${RUNS} runs, ${CASES.toLocaleString('en')} cases, ${vanilla[0].total.toLocaleString('en')} readable by the demo viewer, ${cold[0].rows} rows in the first screenful`);
  breakdown('firstRender (cold index)', cold.map((c) => c.first));
  breakdown('firstRender (warm index)', warm.map((w) => w.first));
  breakdown('filterKeystroke', keys);
  // What the slowest tenth (the p90's side) spends its time on.
  breakdown('  slowest tenth', [...keys].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.round(keys.length / 10))));
  for (const [label, pick] of [
    ['  narrowing (new keyword)', (k, i, all) => k.value.length > (all[i - 1]?.value.length ?? 0)],
    ['  widening (backspace)', (k, i, all) => k.value.length < (all[i - 1]?.value.length ?? 0)],
  ]) {
    const perRun = warm.flatMap((w) => w.keys.filter(pick));
    if (perRun.length) breakdown(label, perRun);
  }
  breakdown('sort (warm)', sorts);
  breakdown('sort (cold, subject)', coldSorts);
  const v = (k) => median(vanilla.map((x) => x[k])).toFixed(1);
  console.log(`bench:   ${'vanilla baseline'.padEnd(28)} ${v('ms').padStart(6)} ms ≈ filter + sort + build ${v('build')} + paint ${v('paint')}`);
  console.log(`bench:   keystrokes: ${KEYSTROKES.map((k) => JSON.stringify(k)).join(' ')}`);
  console.log(`bench:   per keystroke (ms, run 1): ${warm[0].keys.map((k) => `${k.value || '∅'} ${k.ms.toFixed(1)}`).join(' · ')}`);
  console.log(`bench:   long list: ${warm[0].loaded} rows loaded, ${warm[0].steps} scroll steps`);

  const firstRender = median(cold.map((c) => c.first.ms));
  const vanillaMs = median(vanilla.map((x) => x.ms));
  return {
    'memory.seed.100k.ms': median([...cold, ...vanilla, ...warm].map((x) => x.seedMs)),
    ...(warm.every((w) => Number.isFinite(w.warmupMs))
      ? { 'memory.warmup.100k.ms': median(warm.map((w) => w.warmupMs)), 'memory.warmup.100k.longestWait.ms': Math.max(...warm.map((w) => w.warmupLongestWait)) }
      : {}),
    'list.firstRender.100k.ms': firstRender,
    'list.firstRender.100k.warm.ms': median(warm.map((w) => w.first.ms)),
    'list.filterKeystroke.100k.p50.ms': percentile(keys.map((k) => k.ms), 50),
    'list.filterKeystroke.100k.p90.ms': percentile(keys.map((k) => k.ms), 90),
    'list.sort.100k.ms': median(sorts.map((s) => s.ms)),
    'list.sort.100k.cold.ms': median(coldSorts.map((s) => s.ms)),
    'list.domRows.100k': median(warm.map((w) => w.domRows)),
    'list.domRows.100k.afterScroll': median(warm.map((w) => w.maxRows)),
    'baseline.vanillaRender.100k.ms': vanillaMs,
    'list.firstRender.ratioToVanilla': firstRender / vanillaMs,
  };
}
