import { expect } from '@open-wc/testing';
import { AdapterError } from './errors.js';
import type { CaseRecord, StatusCategory, Viewer } from './model.js';
import { CaseIndex, decodeCursor, encodeCursor } from './query.js';
import { collationKey, collationPrefix } from './sort-values.js';

const ACME = { id: 'acc-acme', name: 'Acme' };
const OTHER = { id: 'acc-other', name: 'Other Co' };
const BASE_PERMS = ['read', 'read-linked', 'create', 'reply'] as const;

const customer: Viewer = { id: 'u1', name: 'Ann', account: ACME, permissions: BASE_PERMS };
const supervisor: Viewer = { id: 'u2', name: 'Sue', account: ACME, permissions: [...BASE_PERMS, 'read-account'] };
const colleague: Viewer = { id: 'u3', name: 'Carl', account: ACME, permissions: BASE_PERMS };
const stranger: Viewer = { id: 'u9', name: 'Zed', account: OTHER, permissions: BASE_PERMS };

const STATUS: Record<string, { label: string; category: StatusCategory }> = {
  new: { label: 'New', category: 'new' },
  open: { label: 'Open', category: 'open' },
  wait: { label: 'Awaiting your reply', category: 'pending-customer' },
  done: { label: 'Closed', category: 'closed' },
};

let n = 0;
function mk(p: Partial<CaseRecord> & { statusId?: string; by?: Viewer; hour?: number } = {}): CaseRecord {
  n++;
  const by = p.by ?? customer;
  const statusId = p.statusId ?? 'open';
  const t = new Date(Date.UTC(2024, 0, 1) + (p.hour ?? n) * 3_600_000).toISOString();
  return {
    id: `c${n}`,
    number: String(1000 + n).padStart(8, '0'),
    subject: `Case ${n}`,
    description: '',
    status: { id: statusId, ...STATUS[statusId]! },
    origin: 'web',
    requester: { id: by.id, name: by.name },
    account: by.account ?? null,
    createdAt: t,
    updatedAt: t,
    reopenCount: 0,
    fields: {},
    attachments: [],
    version: 1,
    ...p,
  };
}

const ids = (page: { items: CaseRecord[] }) => page.items.map((c) => c.id);

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('query: views and visibility', () => {
  const own = mk({ id: 'own' });
  const colleagues = mk({ id: 'colleague', by: colleague });
  const linked = mk({ id: 'linked', by: stranger, contacts: [{ id: customer.id, name: customer.name }] });
  const foreign = mk({ id: 'foreign', by: stranger });
  const supervisors = mk({ id: 'sup', by: supervisor });
  const index = new CaseIndex([own, colleagues, linked, foreign, supervisors]);

  it('without a view returns every readable case and nothing else', () => {
    expect(ids(index.query({}, customer)).sort()).to.deep.equal(['linked', 'own']);
    expect(ids(index.query({}, supervisor)).sort()).to.deep.equal(['colleague', 'own', 'sup']);
  });

  it('mine = requester is the viewer', () => {
    expect(ids(index.query({ view: 'mine' }, customer))).to.deep.equal(['own']);
    expect(ids(index.query({ view: 'mine' }, supervisor))).to.deep.equal(['sup']);
  });

  it('account = same account and only with read-account', () => {
    expect(ids(index.query({ view: 'account' }, supervisor)).sort()).to.deep.equal(['colleague', 'own', 'sup']);
    expect(ids(index.query({ view: 'account' }, customer))).to.deep.equal([]);
  });

  it('linked = the viewer is a contact', () => {
    expect(ids(index.query({ view: 'linked' }, customer))).to.deep.equal(['linked']);
    expect(ids(index.query({ view: 'linked' }, supervisor))).to.deep.equal([]);
  });

  it('never leaks a foreign case, whatever the query', () => {
    const queries = [
      {},
      { view: 'mine' as const },
      { view: 'account' as const },
      { view: 'linked' as const },
      { keyword: 'case' },
      { statuses: ['open'] },
      { fields: { x: { op: 'range' as const } } },
    ];
    for (const q of queries) {
      for (const v of [customer, supervisor, colleague]) {
        const page = index.query(q, v);
        expect(ids(page)).not.to.include('foreign');
        expect(Object.values(page.statusCounts ?? {}).reduce((a, b) => a + b, 0)).to.be.at.most(3);
      }
    }
  });

  it('a viewer without "read" sees nothing, not even their own cases', () => {
    const noRead: Viewer = { ...customer, permissions: ['reply'] };
    expect(index.query({}, noRead).total).to.equal(0);
  });
});

describe('query: filters', () => {
  const a = mk({ id: 'a', subject: 'Printer jams on tray 2', description: 'Paper everywhere', origin: 'email', statusId: 'new', fields: { product: 'printer', due: '2024-05-10', qty: 3, tags: ['x', 'y'], vip: true } });
  const b = mk({ id: 'b', subject: 'Invoice wrong', description: 'PRINTED twice', origin: 'phone', statusId: 'open', fields: { product: 'billing', due: '2024-05-31T15:00:00Z', qty: 10, vip: false } });
  const c = mk({ id: 'c', subject: 'Router reboots', origin: 'web', statusId: 'wait', category: 'technical', priority: 'high', fields: { product: 'router', qty: null } });
  const d = mk({ id: 'd', subject: 'Thanks', origin: 'chat', statusId: 'done', fields: { serial: 'SN-ABC-123' } });
  const index = new CaseIndex([a, b, c, d]);
  const q = (query: Parameters<CaseIndex['query']>[0]) => ids(index.query(query, customer)).sort();

  it('keyword: case-insensitive substring over number, subject and description', () => {
    expect(q({ keyword: 'PRINT' })).to.deep.equal(['a', 'b']);
    expect(q({ keyword: '  everywhere ' })).to.deep.equal(['a']);
    expect(q({ keyword: d.number })).to.deep.equal(['d']);
    expect(q({ keyword: d.number.slice(-2) })).to.include('d');
    expect(q({ keyword: 'nothing like this' })).to.deep.equal([]);
  });

  it('keyword: a match never spans two fields', () => {
    // "…tray 2" + "Paper…" must not match "2paper".
    expect(q({ keyword: '2paper' })).to.deep.equal([]);
  });

  it('keyword: narrowing and widening give the same answers as a fresh index', () => {
    for (const k of ['p', 'pr', 'pri', 'print', 'printe', 'pri', '', 'r', 'ro', 'thanks']) {
      expect(q({ keyword: k }), k).to.deep.equal(ids(new CaseIndex([a, b, c, d]).query({ keyword: k }, customer)).sort());
    }
  });

  it('statuses are OR-ed; categories filter by status category', () => {
    expect(q({ statuses: ['new', 'done'] })).to.deep.equal(['a', 'd']);
    expect(q({ categories: ['pending-customer', 'closed'] })).to.deep.equal(['c', 'd']);
    expect(q({ statuses: ['new', 'open'], categories: ['open'] })).to.deep.equal(['b']);
  });

  it('origins', () => {
    expect(q({ origins: ['email', 'chat'] })).to.deep.equal(['a', 'd']);
    expect(q({ origins: [] })).to.have.length(4);
  });

  it('field eq, including booleans, numbers and multi-values', () => {
    expect(q({ fields: { product: { op: 'eq', value: 'router' } } })).to.deep.equal(['c']);
    expect(q({ fields: { vip: { op: 'eq', value: true } } })).to.deep.equal(['a']);
    expect(q({ fields: { qty: { op: 'eq', value: 10 } } })).to.deep.equal(['b']);
    expect(q({ fields: { tags: { op: 'eq', value: 'y' } } })).to.deep.equal(['a']);
  });

  it('field in', () => {
    expect(q({ fields: { product: { op: 'in', values: ['printer', 'router'] } } })).to.deep.equal(['a', 'c']);
    expect(q({ fields: { product: { op: 'in', values: [] } } })).to.deep.equal([]);
  });

  it('field contains, case-insensitively', () => {
    expect(q({ fields: { serial: { op: 'contains', value: 'abc' } } })).to.deep.equal(['d']);
  });

  it('field range on numbers, open-ended, null values never match', () => {
    expect(q({ fields: { qty: { op: 'range', from: 3, to: 5 } } })).to.deep.equal(['a']);
    expect(q({ fields: { qty: { op: 'range', from: 4 } } })).to.deep.equal(['b']);
    expect(q({ fields: { qty: { op: 'range', to: 100 } } })).to.deep.equal(['a', 'b']);
  });

  it('field range on dates: inclusive, a date-only upper bound covers the whole day', () => {
    expect(q({ fields: { due: { op: 'range', from: '2024-05-01', to: '2024-05-31' } } })).to.deep.equal(['a', 'b']);
    expect(q({ fields: { due: { op: 'range', from: '2024-05-11' } } })).to.deep.equal(['b']);
    expect(q({ fields: { due: { op: 'range', to: '2024-05-10' } } })).to.deep.equal(['a']);
  });

  it('built-in keys work as field filters (priority, category, createdAt)', () => {
    expect(q({ fields: { priority: { op: 'eq', value: 'high' } } })).to.deep.equal(['c']);
    expect(q({ fields: { category: { op: 'in', values: ['technical'] } } })).to.deep.equal(['c']);
    expect(q({ fields: { createdAt: { op: 'range', from: c.createdAt } } })).to.deep.equal(['c', 'd']);
  });

  it('filters combine with AND', () => {
    expect(q({ keyword: 'print', origins: ['phone'], fields: { qty: { op: 'range', from: 1 } } })).to.deep.equal(['b']);
  });
});

describe('query: statusCounts', () => {
  const index = new CaseIndex([
    mk({ statusId: 'new', origin: 'email' }),
    mk({ statusId: 'open' }),
    mk({ statusId: 'open' }),
    mk({ statusId: 'done' }),
    mk({ statusId: 'open', by: stranger }),
  ]);

  it('counts per status id without the status and category filters', () => {
    const page = index.query({ statuses: ['new'], categories: ['new'] }, customer);
    expect(page.total).to.equal(1);
    expect(page.statusCounts).to.deep.equal({ new: 1, open: 2, done: 1 });
  });

  it('but with the other filters', () => {
    expect(index.query({ origins: ['email'] }, customer).statusCounts).to.deep.equal({ new: 1 });
  });
});

describe('query: sorting', () => {
  const x = mk({ id: 'x', number: '00000010', subject: 'banana', statusId: 'wait', origin: 'phone', owner: { id: 'o1', name: 'Zoe' }, hour: 5, fields: { due: '2024-03-01', qty: 2 } });
  const y = mk({ id: 'y', number: '00000009', subject: 'Apple', statusId: 'open', origin: 'email', owner: null, hour: 7, fields: { due: '2024-01-01', qty: 10 } });
  const z = mk({ id: 'z', number: '00000011', subject: 'cherry', statusId: 'new', origin: 'web', owner: { id: 'o2', name: 'adam' }, hour: 6, fields: { qty: 1 } });
  const index = new CaseIndex([x, y, z]);
  const sorted = (key: string, dir: 'asc' | 'desc' = 'asc') => ids(index.query({ sort: { key, dir } }, customer));

  it('number (numerically), subject (case-insensitive), status by label, origin', () => {
    expect(sorted('number')).to.deep.equal(['y', 'x', 'z']);
    expect(sorted('number', 'desc')).to.deep.equal(['z', 'x', 'y']);
    expect(sorted('subject')).to.deep.equal(['y', 'x', 'z']);
    expect(sorted('status')).to.deep.equal(['x', 'z', 'y']); // Awaiting…, New, Open
    expect(sorted('origin')).to.deep.equal(['y', 'x', 'z']);
  });

  it('owner by name, cases without an owner last in both directions', () => {
    expect(sorted('owner')).to.deep.equal(['z', 'x', 'y']);
    expect(sorted('owner', 'desc')).to.deep.equal(['x', 'z', 'y']);
  });

  it('createdAt and updatedAt', () => {
    expect(sorted('createdAt')).to.deep.equal(['x', 'z', 'y']);
    expect(sorted('updatedAt', 'desc')).to.deep.equal(['y', 'z', 'x']);
  });

  it('custom fields: numbers numerically, dates as text, missing last', () => {
    expect(sorted('qty')).to.deep.equal(['z', 'x', 'y']);
    expect(sorted('qty', 'desc')).to.deep.equal(['y', 'x', 'z']);
    expect(sorted('due')).to.deep.equal(['y', 'x', 'z']);
    expect(sorted('due', 'desc')).to.deep.equal(['x', 'y', 'z']);
  });

  it('default order is updatedAt desc, then number', () => {
    expect(ids(index.query({}, customer))).to.deep.equal(['y', 'z', 'x']);
  });

  it('ties break by updatedAt desc then number, stably', () => {
    const t1 = mk({ id: 't1', number: '2', subject: 'same', hour: 1 });
    const t2 = mk({ id: 't2', number: '1', subject: 'same', hour: 1 });
    const t3 = mk({ id: 't3', number: '3', subject: 'same', hour: 2 });
    const idx = new CaseIndex([t1, t2, t3]);
    expect(ids(idx.query({ sort: { key: 'subject', dir: 'asc' } }, customer))).to.deep.equal(['t3', 't2', 't1']);
    expect(ids(idx.query({ sort: { key: 'subject', dir: 'desc' } }, customer))).to.deep.equal(['t3', 't2', 't1']);
  });

  it('re-sorts after a case changes', () => {
    const idx = new CaseIndex([x, y, z]);
    expect(ids(idx.query({ sort: { key: 'subject', dir: 'asc' } }, customer))).to.deep.equal(['y', 'x', 'z']);
    idx.upsert({ ...x, subject: 'aardvark' });
    expect(ids(idx.query({ sort: { key: 'subject', dir: 'asc' } }, customer))).to.deep.equal(['x', 'y', 'z']);
    idx.remove('y');
    expect(ids(idx.query({ sort: { key: 'subject', dir: 'asc' } }, customer))).to.deep.equal(['x', 'z']);
    expect(idx.get('x')?.subject).to.equal('aardvark');
  });
});

describe('query: paging', () => {
  const cases = Array.from({ length: 60 }, (_, i) => mk({ hour: i }));
  const index = new CaseIndex(cases);

  it('default limit 25, cursor pages to the end, total counts all', () => {
    const p1 = index.query({}, customer);
    expect(p1.items).to.have.length(25);
    expect(p1.total).to.equal(60);
    const p2 = index.query({ cursor: p1.nextCursor }, customer);
    const p3 = index.query({ cursor: p2.nextCursor }, customer);
    expect(p3.items).to.have.length(10);
    expect(p3.nextCursor).to.equal(null);
    const all = [...p1.items, ...p2.items, ...p3.items].map((c) => c.id);
    expect(new Set(all).size).to.equal(60);
  });

  it('honours limit and clamps nonsense', () => {
    expect(index.query({ limit: 7 }, customer).items).to.have.length(7);
    expect(index.query({ limit: 0 }, customer).items).to.have.length(25);
    expect(index.query({ limit: 1e9 }, customer).items).to.have.length(60);
  });

  it('a cursor is opaque and round-trips; a forged one is a validation error', () => {
    expect(decodeCursor(encodeCursor(40))).to.equal(40);
    expect(decodeCursor(null)).to.equal(0);
    expect(() => decodeCursor('garbage!')).to.throw(AdapterError);
    expect(index.query({ cursor: encodeCursor(1000) }, customer).items).to.deep.equal([]);
  });
});

describe('query: scale', () => {
  // Speed is measured by `npm run bench`, not here; this checks the cached paths stay correct at size.
  it('100,000 cases: narrowing, widening and re-sorting agree with a fresh index', function () {
    this.timeout(30_000);
    const words = ['printer', 'router', 'invoice', 'login', 'delivery', 'refund', 'laptop', 'screen'];
    const big: CaseRecord[] = [];
    for (let i = 0; i < 100_000; i++) {
      big.push(mk({ subject: `${words[i % 8]} problem ${i}`, description: `details ${words[(i * 7) % 8]}`, hour: i % 5000 }));
    }
    const index = new CaseIndex(big);
    const sort = { key: 'subject', dir: 'asc' } as const;
    for (const k of ['r', 'ro', 'rou', 'rout', 'route', 'router', 'rout', 'r', 'in']) {
      const page = index.query({ keyword: k, sort, limit: 50 }, customer);
      const fresh = new CaseIndex(big).query({ keyword: k, sort, limit: 50 }, customer);
      expect(ids(page), k).to.deep.equal(ids(fresh));
      expect(page.total, k).to.equal(fresh.total);
    }
    const subjects = index.query({ sort, limit: 3 }, customer).items.map((c) => c.subject);
    expect(subjects).to.deep.equal(['delivery problem 4', 'delivery problem 12', 'delivery problem 20']);
  });
});

describe('query: the keyword index answers exactly as searching every text', () => {
  // Letters, digits, case, accents, other scripts, punctuation and the field separator's neighbours.
  const PIECES = ['router', 'Route', 'rou', 'x500', 'X5', '12', '2024', 'Éclair', 'eclair', 'Ärger', 'straße', 'ıi', 'Привет', 'a-b', 'a.b', '—', ' ', '  ', 'q', 'zz', '0', 'ünï', '#1', 'in', 'inv', 'voice'];
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const text = (n: number) => Array.from({ length: n }, () => pick(PIECES)).join(pick(['', ' ', '-']));
  const cases = Array.from({ length: 3000 }, (_, i) =>
    mk({ subject: text(1 + (i % 4)), description: i % 3 ? text(3) : '', statusId: pick(['new', 'open', 'wait', 'done']), by: pick([customer, colleague]) }),
  );
  const keywords = [
    ...['r', 'ro', 'rou', 'x5', '5', '12', '2', 'é', 'éc', 'ß', 'ße', 'ı', 'пр', 'a-', '-b', '.', '—', 'q', 'zz', 'zzz', 'in', 'inv', 'invo', 'voice', 'ü', 'ï', '#', '#1', 'a b', 'xyz'],
    // Pieces of the texts themselves, up to a dozen characters (across the pieces' joins too).
    ...Array.from({ length: 60 }, () => {
      const t = `${pick(cases).subject}`.toLowerCase();
      const at = Math.floor(rnd() * t.length);
      return t.slice(at, at + 1 + Math.floor(rnd() * 12));
    }),
    // A case number, and the last digits of one.
    cases[17]!.number,
    cases[2999]!.number.slice(-3),
  ];
  const answer = (index: CaseIndex, keyword: string) => {
    const page = index.query({ keyword, view: 'account', limit: 40 }, supervisor);
    return { ids: ids(page), total: page.total, counts: page.statusCounts };
  };

  it('every keyword: the same page, total and counts with the index as without it', () => {
    const indexed = new CaseIndex(cases);
    expect(indexed.warmKeywords()).to.equal(true);
    expect(indexed.keywordsIndexed).to.equal(true);
    const plain = new CaseIndex(cases);
    for (const k of keywords) expect(answer(indexed, k), JSON.stringify(k)).to.deep.equal(answer(plain, k));
  });

  it('after cases change, are added and one is removed; and while only partly built', () => {
    const indexed = new CaseIndex(cases);
    let slices = 0;
    // A slice at a time, as in idle time: part-built, keywords are still answered (by searching every text).
    while (!indexed.warmKeywords(() => true)) {
      slices++;
      expect(indexed.keywordsIndexed).to.equal(false);
      expect(answer(indexed, 'rou')).to.deep.equal(answer(new CaseIndex(cases), 'rou'));
    }
    expect(slices).to.be.greaterThan(2);
    const now = cases.map((c) => c);
    // Text that loses characters and pairs (stale bits would find them), text that gains them, new cases.
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(rnd() * now.length);
      now[at] = { ...now[at]!, subject: text(1), description: i % 2 ? '' : text(2) };
      indexed.upsert(now[at]!);
    }
    for (let i = 0; i < 100; i++) {
      const c = mk({ subject: text(2), description: text(1) });
      now.push(c);
      indexed.upsert(c);
    }
    expect(indexed.keywordsIndexed).to.equal(true);
    for (const k of keywords) expect(answer(indexed, k), JSON.stringify(k)).to.deep.equal(answer(new CaseIndex(now), k));
    indexed.remove(now[5]!.id);
    now.splice(5, 1);
    expect(indexed.keywordsIndexed).to.equal(false);
    expect(answer(indexed, 'rou')).to.deep.equal(answer(new CaseIndex(now), 'rou'));
    indexed.warmKeywords();
    for (const k of keywords) expect(answer(indexed, k), JSON.stringify(k)).to.deep.equal(answer(new CaseIndex(now), k));
  });
});

describe('query: a sort whose order is not built yet sorts only the pages asked for', () => {
  // Case, accents, digit runs, compatibility characters (², fullwidth digits), duplicates, empty.
  const WORDS = ['Item 9', 'item 10', 'item 009', 'Éclair', 'eclair', 'ECLAIR', 'zebra', 'Zoë', 'zoe', 'a²', 'a2', 'a 12', 'ａ１', 'Ärger', 'arger', 'router x500', 'Router X500', 'x', '', '10', '9', 'ﬁne', 'fine'];
  const rnd = random(11);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const people = [undefined, { id: 'o1', name: 'Émile' }, { id: 'o2', name: 'emile' }, { id: 'o3', name: 'Bob 2' }, { id: 'o4', name: 'bob 10' }];
  const mixed = [null, 3, -0, 0, -2.5, 1e9, 'abc', 'Abc', '2', 'ä', Number.NaN, true, false];
  const cases: CaseRecord[] = [];
  for (let i = 0; i < 3000; i++) {
    const subject = `${pick(WORDS)}${rnd() < 0.5 ? ` ${pick(WORDS)}` : ''}${rnd() < 0.3 ? ` ${Math.floor(rnd() * 200)}` : ''}`;
    cases.push(
      mk({
        subject,
        description: pick(WORDS),
        statusId: pick(['new', 'open', 'wait', 'done']),
        owner: pick(people),
        // Few distinct hours: many equal timestamps, so ties fall back to the case number.
        hour: Math.floor(rnd() * 40),
        fields: { mixed: pick(mixed) as never, score: Math.floor(rnd() * 20) - 10 },
      }),
    );
  }
  const partial = new CaseIndex(cases, { partialSortAbove: 0 });
  const full = new CaseIndex(cases, { partialSortAbove: Infinity });

  it('gives exactly the pages of the full order: every key, both directions, ties, collation, missing values', () => {
    let compared = 0;
    for (const key of ['subject', 'number', 'status', 'owner', 'createdAt', 'updatedAt', 'mixed', 'score']) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const filter of [{}, { keyword: 'e' }, { statuses: ['open', 'wait'] }, { keyword: 'item', categories: ['open' as const] }]) {
          for (const offset of [0, 25, 140]) {
            const q = { ...filter, sort: { key, dir }, limit: 25, cursor: offset ? encodeCursor(offset) : null };
            const a = partial.query(q, customer);
            const b = full.query(q, customer);
            const label = `${key} ${dir} ${JSON.stringify(filter)} @${offset}`;
            expect(ids(a), label).to.deep.equal(ids(b));
            expect([a.total, a.nextCursor], label).to.deep.equal([b.total, b.nextCursor]);
            compared += a.items.length;
          }
        }
      }
    }
    expect(compared).to.be.greaterThan(4000);
  });

  it('pages deeper than the partial sort covers, then back to the top, still agree', () => {
    const sort = { key: 'subject', dir: 'desc' } as const;
    for (const offset of [0, 1200, 50, 2000]) {
      const q = { sort, limit: 40, cursor: offset ? encodeCursor(offset) : null };
      expect(ids(partial.query(q, supervisor)), `@${offset}`).to.deep.equal(ids(full.query(q, supervisor)));
    }
  });

  it('the cheap string prefixes are exactly the collation key’s characters, three at a time', () => {
    const strings = [...WORDS, ...Array.from({ length: 200 }, () => `${pick(WORDS)}${pick(['', ' ', '0', '1²', '99', 'Ä', '\u0000'])}${pick(WORDS)}`)];
    // Each key once (not once per pair: 53,000 keys outran the test's 5 s on a loaded machine).
    const keys = new Map(strings.map((s) => [s, collationKey(s)]));
    for (const a of strings) {
      const ka = keys.get(a)!;
      for (const b of strings) {
        const kb = keys.get(b)!;
        for (let level = 0; level < 8; level++) {
          const from = level * 3;
          if (ka.slice(0, from) !== kb.slice(0, from)) break;
          const pa = collationPrefix(a, level);
          const pb = collationPrefix(b, level);
          const label = `${JSON.stringify(a)} vs ${JSON.stringify(b)} at ${level}`;
          // Equal numbers: equal characters (a key's end reads as U+0000); else they order as the keys do.
          expect(pa === pb, label).to.equal(ka.slice(from, from + 3).padEnd(3, '\u0000') === kb.slice(from, from + 3).padEnd(3, '\u0000'));
          if (pa !== pb) expect(pa < pb, label).to.equal(ka < kb);
        }
      }
    }
  });
});

describe('query: orders built a slice at a time, as in idle time', () => {
  const WORDS = ['Item 9', 'item 10', 'Éclair', 'eclair', 'zebra', 'Zoë', 'a²', 'a2', 'router', ''];
  const rnd = random(23);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const people = [undefined, { id: 'o1', name: 'Émile' }, { id: 'o2', name: 'emile' }, { id: 'o3', name: 'Bob 2' }];
  const KEYS = ['subject', 'number', 'status', 'owner', 'createdAt', 'score', 'mixed'];
  // More cases than the build's steps (key-order.ts) handle between two places to stop.
  const make = () =>
    mk({
      subject: `${pick(WORDS)} ${Math.floor(rnd() * 900)}`,
      statusId: pick(['new', 'open', 'wait', 'done']),
      owner: pick(people),
      hour: Math.floor(rnd() * 60),
      fields: { score: Math.floor(rnd() * 30) - 15, mixed: pick([null, 2, -1, 'b', 'B', 'ä', true]) as never },
    });
  const cases = Array.from({ length: 9000 }, make);
  const page = (index: CaseIndex, key: string, dir: 'asc' | 'desc', offset = 0) =>
    ids(index.query({ sort: { key, dir }, limit: 30, cursor: offset ? encodeCursor(offset) : null }, customer));
  const sameAsFresh = (index: CaseIndex, now: CaseRecord[]) => {
    const fresh = new CaseIndex(now, { partialSortAbove: Infinity });
    for (const key of KEYS) for (const dir of ['asc', 'desc'] as const) for (const at of [0, 600]) expect(page(index, key, dir, at), `${key} ${dir} @${at}`).to.deep.equal(page(fresh, key, dir, at));
  };

  it('stops whenever the time is up, goes on where it stopped, and ends in the orders built at once', () => {
    const index = new CaseIndex(cases, { partialSortAbove: Infinity });
    let slices = 0;
    while (!index.warmOrders(KEYS, () => true)) slices++;
    // Several stops per key: the build is not one step.
    expect(slices).to.be.greaterThan(KEYS.length * 4);
    expect(index.warmOrders(KEYS, () => true), 'all built: nothing left to do').to.equal(true);
    sameAsFresh(index, cases);
  });

  it('a case that changes while an order is half built is sorted by its new value; a sort asked for meanwhile finishes the build', () => {
    const index = new CaseIndex(cases, { partialSortAbove: Infinity });
    const now = [...cases];
    for (let i = 0; i < 5; i++) index.warmOrders(['subject', 'score'], () => true);
    // Half way through the subject's order: the first case goes to the top.
    now[0] = { ...now[0]!, subject: '   aaa first', fields: { ...now[0]!.fields, score: -99 } };
    index.upsert(now[0]!);
    for (let i = 0; i < 5; i++) index.warmOrders(['subject', 'score'], () => true);
    expect(page(index, 'subject', 'asc')[0]).to.equal(now[0]!.id);
    while (!index.warmOrders(KEYS, () => true));
    expect(page(index, 'score', 'asc')[0]).to.equal(now[0]!.id);
    sameAsFresh(index, now);
  });
});
