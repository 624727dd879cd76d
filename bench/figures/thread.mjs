// <case-thread> showing one case with 1,000 public messages, in the built bundle (dist/case-portal.js:
// production Lit, minified), headless Chromium at 1280×900.
//
// The adapter (a Proxy built in the page): the bundle's MemoryAdapter (storage: null, the demo data)
// answers viewer / getCase / everything else; listMessages answers with the same 1,000 generated
// messages in one page (nextCursor null, structuredClone'd per call as the MemoryAdapter does);
// postMessage waits POST_DELAY_MS, then goes to the MemoryAdapter. describe() is the demo schema with
// limits.pageSize = 1,000, so the thread asks for what it gets ({ limit: schema.limits.pageSize }).
// The 1,000 messages (seeded, the same every run): comments and emails from the viewer, another
// customer and three agents; about a third with a link, half with line breaks, all emails with a
// signature, one in eight with 1–3 attachments; a status change every 40th; oldest first over 90 days.
// The case is an open case of the demo viewer (its reply form shows); drafts go to the default store
// (localStorage, empty at the start: each run is a fresh browser context).
//
// "Painted" is list.mjs's: after the DOM change, the next frame —
//   await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
// and performance.now() there (so every figure includes the wait for the next frame: 0–16.7 ms).
// The DOM change is "settled": `el.updateComplete` resolved true, no mutation since, and the expected
// change is there. Everything is timed inside the page: typing is `textarea.value = …` + an `input`
// event, the send is `button.click()` in the page (the send button is the form's submit button, so
// the form's submit handler runs; no hit testing, no pointer events).
//
// Figures:
//   thread.render.1k.ms          a <case-thread> with the adapter, appended, its setup (schema + viewer)
//                                done and nothing pending → `el.caseId = id` → the 1,000 items in the
//                                shadow DOM (`article[part~="message"]` + `[part~="event"]`) and the
//                                reply form (#reply), painted. Median of RUNS fresh pages.
//                                The thread renders a long first page progressively (its first screenful
//                                at once, the rest a slice per task: case-thread/progressive.ts), so
//                                "rendered" is: items exist and cover the viewport, and the reply form
//                                is there (or all 1,000, whichever comes first).
//   thread.render.1k.p90.ms      nearest rank over the RUNS (with 9 runs: the slowest)
//   thread.render.1k.complete.ms the same t0 → all 1,000 items in the shadow DOM, painted
//   thread.render.1k.longestFrame.ms  the longest animation frame (LoAF) between t0 and complete: how
//                                long the page could not answer input while the rest arrived
//   thread.domMessages.1k        message + event items in the shadow DOM when complete (1,000)
//   thread.sendToVisible.ms      in that thread: a reply typed into #reply (settled, painted, a pause),
//                                then the send button clicked → the optimistic outgoing message
//                                (`.outgoing article[data-state="sending"]`, with the typed text) painted.
//                                SENDS_PER_RUN sends per page, each confirmed before the next (the thread
//                                grows by one message a send), all runs pooled.
//   thread.sendToVisible.p90.ms
//
// The console also gets a breakdown (medians of each part, so they need not add up):
//   DOM settled / paint = t0 → settled / settled → painted
//   fetch   = t0 → the adapter's listMessages answered (the Task calls it inside the first update; the
//             adapter's clone of the 1,000 is shown apart)
//   merge   = answered → the update that renders the messages begins (the Task's onComplete:
//             mergeMessages over the 1,000, then Lit's microtask)
//   lit     = time inside performUpdate (all updates; the clone taken out), and of the biggest:
//             render() + commit (update() minus render(): Lit creating / diffing the DOM). Note: item
//             callbacks of a `repeat` directive (the per-message templates: linkifying, formatting,
//             i18n) run during commit, not in render()
//   painted frame = the Long Animation Frame entry of that frame (only frames ≥ 50 ms get one): its
//             style + layout + paint part, and its rAF / observer callbacks
//   trace   = one more page, traced (DevTools timeline; not in the figures): the renderer main thread's
//             script, GC, style recalc (elements), layout (objects) and pre-paint/paint/commit
//             for one render and one send.
import { benchPage, median, onPage as onPageShared, percentile } from '../lib/pages.mjs';
// 9, not 5: on this 2-core VM one render varies by 2× from run to run; the median of 9 moves less.
const RUNS = 9;
const MESSAGES = 1000;
const SENDS_PER_RUN = 3;
const POST_DELAY_MS = 500;
const GAP_MS = 150;
/** One more page, traced (DevTools timeline), for the breakdown only. */
const TRACE = true;
/**
 * BENCH_THREAD_PROFILE=file.cpuprofile: one more page whose render is CPU-profiled (V8 sampling at
 * 100 µs), written for DevTools, and its top self times printed. Diagnostic only; names are the
 * bundle's (minified unless it was built with --minify false).
 */
const PROFILE = process.env.BENCH_THREAD_PROFILE;

/** Upper bounds (figure ≤ goal); bench/run.mjs prints PASS/MISS next to each figure. */
export const goals = {
  'thread.render.1k.ms': 100,
  'thread.sendToVisible.ms': 16,
};

const PAGE = benchPage('case-thread bench', `  case-thread { display: block; max-width: 960px; }`);

// ---------------------------------------------------------------------------------------------
// In-page code (serialized by playwright: no references to this module's scope).

/** Loads the bundle, builds the adapter and the messages, installs helpers as window.__tb. */
async function install({ count, postDelayMs }) {
  // The conversation and the memory adapter are chunks of the single file: load them first.
  const mod = await import('/case-portal.js').then(async (m) => ({ ...m, ...(await m.loadMemoryModule()), _: await m.loadElement('case-thread') }));
  await customElements.whenDefined('case-thread');
  const { sleep, painted, settle, timeInto } = window.__bench;

  // Long Animation Frames (≥ 50 ms), for the style/layout part of the painted frame.
  const loafs = [];
  try {
    new PerformanceObserver((list) => loafs.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    /* not supported: no LoAF part in the breakdown */
  }

  const memory = new mod.MemoryAdapter({ storage: null });
  const schema = await memory.describe();
  const viewer = await memory.viewer();
  const benchSchema = { ...schema, limits: { ...schema.limits, pageSize: count } };

  // An open case of the viewer's own (the reply form shows).
  const page = await memory.listCases({ limit: 200 });
  const open = page.items.find((c) => c.requester.id === viewer.id && ['open', 'new', 'pending-agent'].includes(c.status.category));
  if (!open) throw new Error('no open case of the demo viewer in the MemoryAdapter');
  const caseId = open.id;

  // ---- 1,000 messages, seeded ----
  let s = 0x5eed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const customers = [
    { id: viewer.id, name: viewer.name, role: 'customer' },
    { id: 'bench-cust-2', name: 'Jonas Weber', role: 'customer' },
  ];
  const agents = [
    { id: 'bench-agent-1', name: 'Priya Raman', role: 'agent' },
    { id: 'bench-agent-2', name: 'Tomás Oliveira', role: 'agent' },
    { id: 'bench-agent-3', name: 'Mei Lin', role: 'agent' },
  ];
  const sentences = [
    'Thanks for getting back to me so quickly.',
    'The router still drops the connection every evening around 8 pm.',
    'I have restarted the device twice and the problem persists.',
    'Could you check whether the invoice for March was sent to the right address?',
    'We have escalated this to our network team and will update you within 24 hours.',
    'Please try resetting the device to factory settings and let us know the result.',
    'The firmware update you mentioned is not offered on my model.',
    'I attached the log file from this morning.',
    'Our records show the payment was received on the 14th.',
    'Can you confirm the serial number printed on the back of the unit?',
    'This is the third time I am writing about the same issue.',
    'We apologise for the inconvenience and have credited your account.',
    'The replacement part has shipped and should arrive within three business days.',
    'It worked for a day, then the same error came back.',
    'I am available on weekdays between 9 and 5 if a technician needs to come by.',
  ];
  const links = [
    'https://support.example.com/kb/articles/reset-router-1234',
    'https://status.example.com/incidents/2024-11-03',
    'https://example.com/downloads/firmware?model=X200&lang=en',
    'mailto:billing@example.com',
    'https://docs.example.com/guides/setup#wifi',
  ];
  const files = [
    ['router-log.txt', 'text/plain', 18_432],
    ['screenshot.png', 'image/png', 412_876],
    ['invoice-2024-03.pdf', 'application/pdf', 96_210],
    ['photo-of-label.jpg', 'image/jpeg', 1_843_002],
    ['speedtest.csv', 'text/csv', 2_318],
  ];
  const para = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(sentences)).join(' ');
  const openStatuses = schema.statuses.filter((st) => ['open', 'pending-agent', 'pending-customer', 'on-hold'].includes(st.category));
  const start = Date.now() - 90 * 86_400_000;
  const step = (90 * 86_400_000) / (count + 1);
  const messages = [];
  let status = open.status;
  let attachmentId = 0;
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(start + i * step + Math.floor(rnd() * step * 0.5)).toISOString();
    const base = { id: `bench-msg-${i}`, caseId, createdAt, public: true, attachments: [] };
    if (i % 40 === 39) {
      const to = pick(openStatuses.filter((st) => st.id !== status.id));
      messages.push({ ...base, kind: 'event', body: '', author: { id: 'system', name: 'System', role: 'system' }, event: { from: status, to } });
      status = to;
      continue;
    }
    const fromCustomer = rnd() < 0.5;
    const author = fromCustomer ? (rnd() < 0.8 ? customers[0] : customers[1]) : pick(agents);
    const kind = rnd() < 0.6 ? 'comment' : 'email';
    let body = para();
    if (rnd() < 0.5) body += `\n\n${para()}`;
    if (rnd() < 0.33) body += ` See ${pick(links)} for details.`;
    if (kind === 'email') body += fromCustomer ? `\n\nBest regards,\n${author.name}` : `\n\nKind regards,\n${author.name}\nCustomer Support`;
    const attachments = [];
    if (rnd() < 0.125) {
      for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n; k++) {
        const [name, type, size] = pick(files);
        attachmentId++;
        attachments.push({ id: `bench-att-${attachmentId}`, name, type, size, url: `/files/bench-att-${attachmentId}/${name}`, createdAt });
      }
    }
    messages.push({ ...base, kind, body, author: { ...author }, channel: kind === 'email' ? 'email' : 'web', attachments });
  }

  const acc = { fetch: 0, fetchAt: 0, clone: 0, limits: [] };
  const adapter = new Proxy(memory, {
    get(target, prop) {
      if (prop === 'describe') return async () => benchSchema;
      if (prop === 'listMessages') {
        return async (id, query) => {
          acc.limits.push(query?.limit);
          const t = performance.now();
          const items = structuredClone(messages);
          acc.clone += performance.now() - t;
          acc.fetchAt = performance.now();
          return { items, total: items.length, nextCursor: null };
        };
      }
      if (prop === 'postMessage') {
        return async (...args) => {
          await sleep(postDelayMs);
          return target.postMessage(...args);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  /** Confirmed message articles + status-change lines (outgoing ones not counted). */
  const ITEMS = 'article[part~="message"]:not([part~="message-outgoing"]), [part~="event"]';
  const itemsOf = (el) => (el.shadowRoot ? el.shadowRoot.querySelectorAll(ITEMS).length : 0);
  const sendingOf = (el) => el.shadowRoot?.querySelector('.outgoing article[data-state="sending"]') ?? null;

  /** Lit probes on the instance: performUpdate (all of an update), update() (render + commit), render(). */
  function instrument(el) {
    acc.updates = [];
    let cur = null;
    timeInto(el, 'performUpdate', (_ms, t, end) => {
      acc.updates.push({ start: t, end, update: cur?.update ?? 0, render: cur?.render ?? 0 });
      cur = null;
    });
    timeInto(el, 'update', (ms) => ((cur ??= {}).update = ms));
    timeInto(el, 'render', (ms) => ((cur ??= {}).render = (cur?.render ?? 0) + ms));
  }

  /** The LoAF part of the frame painted in [from, to]: its style + layout (+ paint record) and the whole frame. */
  function frameOf(from, to) {
    const frames = loafs.filter((f) => f.renderStart > 0 && f.startTime + f.duration >= from && f.renderStart <= to);
    const last = frames[frames.length - 1];
    if (!last) return { frameStyleLayout: NaN, frameRender: NaN };
    return {
      frameStyleLayout: last.startTime + last.duration - last.styleAndLayoutStart,
      frameRender: last.styleAndLayoutStart - last.renderStart,
    };
  }

  /** act() → settled → painted, with the breakdown. */
  async function timed(el, act, ready) {
    acc.updates = [];
    acc.fetchAt = 0;
    acc.clone = 0;
    performance.mark('bench:t0');
    const t0 = performance.now();
    act();
    const settled = await settle(el, ready);
    const updates = acc.updates.slice();
    const fetchAt = acc.fetchAt;
    const clone = acc.clone;
    await painted();
    const t1 = performance.now();
    performance.mark('bench:painted');
    const lit = updates.reduce((a, u) => a + (u.end - u.start), 0);
    const render = updates.reduce((a, u) => a + u.render, 0);
    const commit = updates.reduce((a, u) => a + u.update - u.render, 0);
    const biggest = updates.reduce((a, u) => (u.end - u.start > (a ? a.end - a.start : -1) ? u : a), null);
    const afterFetch = fetchAt ? updates.find((u) => u.start >= fetchAt) : undefined;
    // The Task calls listMessages inside an update (hostUpdate): its clone is then inside `lit`.
    const cloneInLit = fetchAt && updates.some((u) => u.start <= fetchAt && fetchAt <= u.end) ? clone : 0;
    return {
      settledAt: settled,
      paintedAt: t1,
      ms: t1 - t0,
      dom: settled - t0,
      paint: t1 - settled,
      lit: lit - cloneInLit,
      render,
      commit,
      updates: updates.length,
      biggest: biggest ? biggest.end - biggest.start : NaN,
      fetch: fetchAt ? fetchAt - t0 : NaN,
      clone: fetchAt ? clone : NaN,
      merge: afterFetch ? afterFetch.start - fetchAt : NaN,
      other: settled - t0 - lit,
    };
  }

  /** Covers the viewport (the check for a windowed thread: not all items rendered). */
  function coversViewport(el) {
    const items = el.shadowRoot.querySelectorAll(ITEMS);
    if (!items.length) return false;
    const first = items[0].getBoundingClientRect();
    const last = items[items.length - 1].getBoundingClientRect();
    return last.bottom - first.top >= Math.min(window.innerHeight, 600) && last.bottom > 0 && first.top < window.innerHeight;
  }

  window.__tb = { adapter, caseId, count, acc, loafs, sleep, painted, itemsOf, sendingOf, settle, instrument, timed, coversViewport, frameOf, el: null };
}

/** Appends a <case-thread> with the adapter and waits until its setup (schema + viewer) is done. */
async function prepare({ gapMs }) {
  const B = window.__tb;
  const el = document.createElement('case-thread');
  el.adapter = B.adapter;
  document.body.append(el);
  // Setup (schema + viewer) loaded, nothing pending: the thread renders nothing without a case.
  const setupDeadline = performance.now() + 10_000;
  while (!(el.setup?.value && (await el.updateComplete))) {
    if (performance.now() > setupDeadline) throw new Error('case-thread setup did not finish (el.setup.value)');
    await B.sleep(10);
  }
  await B.painted();
  await B.sleep(gapMs);
  B.el = el;
  B.instrument(el);
}

/** `el.caseId = id` → the first screenful of messages and the reply form painted (the figure's sample). */
async function renderFirst() {
  const B = window.__tb;
  const el = B.el;
  return B.timed(
    el,
    () => {
      el.caseId = B.caseId;
    },
    () => {
      const n = B.itemsOf(el);
      if (!el.shadowRoot.querySelector('#reply')) return false;
      return n >= B.count || (n > 0 && B.coversViewport(el));
    },
  );
}

/** After renderFirst(): the rest of the 1,000 messages painted. */
async function renderRest(render) {
  const B = window.__tb;
  const el = B.el;
  // The thread paints its first screenful, then adds the rest a slice per task: wait for all of
  // it, and keep the longest frame meanwhile (how long the page could not answer input).
  const t0 = render.settledAt - render.dom;
  await B.settle(el, () => B.itemsOf(el) >= B.count, 30_000);
  await B.painted();
  const completeMs = performance.now() - t0;
  await B.sleep(100); // LoAF entries arrive after their frame
  const longestFrame = Math.max(0, ...B.loafs.filter((f) => f.startTime >= t0 && f.startTime <= t0 + completeMs).map((f) => f.duration));
  await B.painted();
  return { render, completeMs, longestFrame, domMessages: B.itemsOf(el), limits: B.acc.limits.slice() };
}

/** Types a reply (timed), then sends it (timed: click → the optimistic message painted); then waits for the confirmation when `confirm`. */
async function sendOne({ i, gapMs, confirm = true }) {
  const B = window.__tb;
  const el = B.el;
  await B.sleep(gapMs);
  const textarea = el.shadowRoot.querySelector('#reply');
  if (!textarea) throw new Error('no #reply in <case-thread>');
  textarea.focus();
  const text = `Thanks, that fixed it for now. I will report back tomorrow (reply ${i + 1}).`;
  const keystroke = await B.timed(
    el,
    () => {
      textarea.value = text;
      textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
    },
    () => true,
  );
  await B.sleep(gapMs);
  const button = el.shadowRoot.querySelector('[part~="send-button"]');
  if (!button) throw new Error('no [part~="send-button"] in <case-thread>');
  const send = await B.timed(el, () => button.click(), () => !!B.sendingOf(el));
  if (!B.sendingOf(el).textContent.includes(`reply ${i + 1}`)) throw new Error('the sending message shows another text');
  if (confirm) {
    await B.settle(el, () => !B.sendingOf(el) && !el.shadowRoot.querySelector('.outgoing'), 10_000);
    await B.painted();
  }
  return { keystroke, send };
}

/** Waits until the outgoing message is confirmed (it goes; the confirmed one joins the list), and the LoAF entries are in. */
async function confirmed() {
  const B = window.__tb;
  await B.settle(B.el, () => !B.sendingOf(B.el) && !B.el.shadowRoot.querySelector('.outgoing'), 10_000);
  await B.painted();
  return B.itemsOf(B.el);
}

/** Fills in each sample's painted-frame parts from the Long Animation Frame entries (delivered late). */
async function withFrames(samples) {
  const B = window.__tb;
  await B.sleep(200);
  return samples.map((x) => ({ ...x, ...B.frameOf(x.settledAt, x.paintedAt) }));
}

/** One page: render the 1,000, then type + send `sends` times. */
async function runPage(page, { sends, gapMs }) {
  await page.evaluate(prepare, { gapMs });
  const { render, completeMs, longestFrame, domMessages, limits } = await page.evaluate(renderRest, await page.evaluate(renderFirst));
  const keystrokes = [];
  const sent = [];
  for (let i = 0; i < sends; i++) {
    const r = await page.evaluate(sendOne, { i, gapMs });
    keystrokes.push(r.keystroke);
    sent.push(r.send);
  }
  const count = await page.evaluate(() => window.__tb.itemsOf(window.__tb.el));
  const [r, k, s] = await Promise.all([[render], keystrokes, sent].map((xs) => page.evaluate(withFrames, xs)));
  return { render: r[0], completeMs, longestFrame, domMessages, limits, keystrokes: k, sends: s, confirmed: count };
}

/**
 * Diagnostic page (not in the figures): a DevTools trace of one render and one send, the renderer
 * main thread's time by kind. Nested events are not subtracted (a layout forced by script counts
 * in both), so the parts may add up to more than the whole.
 */
async function tracePage(browser, page, { gapMs }) {
  const parts = {};
  await page.evaluate(prepare, { gapMs });
  for (const [label, act] of [
    ['render', async () => page.evaluate(renderRest, await page.evaluate(renderFirst))],
    ['send', () => page.evaluate(sendOne, { i: 0, gapMs, confirm: false })],
  ]) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
    let sample;
    try {
      const r = await act();
      sample = r.render ?? r.send;
    } finally {
      const buffer = await browser.stopTracing();
      parts[label] = { sample, ...summarizeTrace(JSON.parse(buffer.toString('utf8'))) };
    }
    if (label === 'send') await page.evaluate(confirmed);
  }
  return parts;
}

/** Diagnostic page: a CPU profile of one render (`el.caseId = id` → painted), saved and summed up. */
async function profilePage(page, file) {
  const { writeFileSync } = await import('node:fs');
  await page.evaluate(prepare, { gapMs: GAP_MS });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const r = { render: await page.evaluate(renderFirst) };
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  // Self time per function over the profile (one render: t0 → painted; samples carry their time deltas).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  const top = [...self].filter(([k]) => !/^\(idle\)|^\(program\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`bench: thread profile (${file}; render ${r.render.ms.toFixed(1)} ms; self ms of every sample while profiling):`);
  for (const [k, ms] of top) console.log(`bench:   ${ms.toFixed(1).padStart(6)}  ${k}`);
  return r;
}

const TRACE_KINDS = {
  style: ['UpdateLayoutTree', 'RecalculateStyles'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'PaintImage', 'Layerize', 'UpdateLayer', 'Commit', 'CompositeLayers'],
  gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'BlinkGC.AtomicPhase'],
  parseHTML: ['ParseHTML', 'HTMLDocumentParser::ParseHTML'],
  script: ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.callFunction'],
};

/** Renderer-main time by kind between the sample's t0 and painted (performance.now() ↔ trace ts via user-timing marks). */
function summarizeTrace(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid).length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  if (!main) return { error: 'no CrRendererMain in the trace' };
  // performance.now() in ms ↔ trace ts in µs: the marks the sample leaves (bench:t0 / bench:painted).
  // The last pair: a send's trace also holds the keystroke before it.
  const mark = (name) => events.findLast((e) => e.name === name && e.pid === main.pid && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
  const t0 = mark('bench:t0');
  const t1 = mark('bench:painted');
  if (!t0 || !t1) return { error: 'no bench:t0 / bench:painted marks in the trace' };
  const from = t0.ts;
  const to = t1.ts;
  const out = { traceMs: (to - from) / 1000 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= from && e.ts + (e.dur ?? 0) <= to + 1);
  for (const [kind, names] of Object.entries(TRACE_KINDS)) {
    const evs = onMain.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    // Outermost events only (a kind nested in itself counts once).
    let total = 0;
    let end = -Infinity;
    for (const e of evs) {
      if (e.ts >= end) {
        total += e.dur ?? 0;
        end = e.ts + (e.dur ?? 0);
      } else if (e.ts + (e.dur ?? 0) > end) {
        total += e.ts + e.dur - end;
        end = e.ts + e.dur;
      }
    }
    out[kind] = total / 1000;
  }
  // Layout size: the biggest Layout event's object count, when the trace says.
  const layouts = onMain.filter((e) => e.name === 'Layout');
  const objects = Math.max(0, ...layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0));
  if (objects) out.layoutObjects = objects;
  const styles = onMain.filter((e) => e.name === 'UpdateLayoutTree');
  const elements = Math.max(0, ...styles.map((e) => e.args?.elementCount ?? 0));
  if (elements) out.styleElements = elements;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Node side.

function breakdown(label, samples, withFetch) {
  const m = (k) => {
    const v = median(samples.map((s) => s[k]));
    return Number.isFinite(v) ? v.toFixed(1) : 'n/a';
  };
  const fetch = withFetch ? `fetch ${m('fetch')} (clone ${m('clone')}) → merge ${m('merge')} → ` : '';
  console.log(
    `bench:   ${label.padEnd(22)} ${m('ms').padStart(6)} ms = DOM settled ${m('dom')} + paint ${m('paint')}  |  ${fetch}lit ${m('lit')} [${m('updates')} updates, biggest ${m('biggest')}: render() ${m('render')} + commit ${m('commit')}], other ${m('other')}  |  painted frame (LoAF): style+layout+paint ${m('frameStyleLayout')}, rAF/observers ${m('frameRender')}  (medians, n=${samples.length})`,
  );
}

/** One fresh page with the bench adapter installed, then `fn(page)`. */
function onPage(browser, origin, fn) {
  return onPageShared(browser, origin, '/thread.html', install, { count: MESSAGES, postDelayMs: POST_DELAY_MS }, fn);
}

export async function measure({ browser, serve }) {
  const server = await serve({ pages: { '/thread.html': PAGE } });
  const runs = [];
  let trace;
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await onPage(browser, server.origin, (page) => runPage(page, { sends: SENDS_PER_RUN, gapMs: GAP_MS })));
    if (TRACE) {
      try {
        trace = await onPage(browser, server.origin, (page) => tracePage(browser, page, { gapMs: GAP_MS }));
      } catch (e) {
        console.warn(`bench: thread trace skipped: ${e.message}`);
      }
    }
    if (PROFILE) await onPage(browser, server.origin, (page) => profilePage(page, PROFILE));
  } finally {
    await server.close();
  }
  const renders = runs.map((r) => r.render);
  const sends = runs.flatMap((r) => r.sends);
  const keystrokes = runs.flatMap((r) => r.keystrokes);

  console.log(
    `bench: thread: ${RUNS} runs, ${MESSAGES.toLocaleString('en')} messages (listMessages limit asked: ${[...new Set(runs.flatMap((r) => r.limits))].join(', ')}), ${runs[0].domMessages} items in the DOM, ${sends.length} sends (${POST_DELAY_MS} ms to confirm; ${runs[0].confirmed} items after run 1's)`,
  );
  breakdown('render 1k (caseId)', renders, true);
  breakdown('composer keystroke', keystrokes, false);
  breakdown('send → visible', sends, false);
  console.log(`bench:   render per run (ms): ${renders.map((r) => r.ms.toFixed(1)).join(' · ')}`);
  console.log(`bench:   send per send (ms): ${sends.map((r) => r.ms.toFixed(1)).join(' · ')}`);
  for (const [label, t] of Object.entries(trace ?? {})) {
    if (t.error) {
      console.log(`bench:   trace ${label}: ${t.error}`);
      continue;
    }
    const f = (k) => (t[k] ?? 0).toFixed(1);
    console.log(
      `bench:   trace ${label.padEnd(6)} (1 traced run, ${t.sample.ms.toFixed(1)} ms; main thread, nested not subtracted): script ${f('script')} (GC ${f('gc')}, HTML parse ${f('parseHTML')}) · style ${f('style')}${t.styleElements ? ` (${t.styleElements} elements)` : ''} · layout ${f('layout')}${t.layoutObjects ? ` (${t.layoutObjects} objects)` : ''} · pre-paint/paint/commit ${f('paint')}`,
    );
  }

  return {
    'thread.render.1k.ms': median(renders.map((r) => r.ms)),
    'thread.render.1k.p90.ms': percentile(renders.map((r) => r.ms), 90),
    'thread.render.1k.complete.ms': median(runs.map((r) => r.completeMs)),
    'thread.render.1k.longestFrame.ms': median(runs.map((r) => r.longestFrame)),
    'thread.domMessages.1k': median(runs.map((r) => r.domMessages)),
    'thread.sendToVisible.ms': median(sends.map((s) => s.ms)),
    'thread.sendToVisible.p90.ms': percentile(sends.map((s) => s.ms), 90),
  };
}
