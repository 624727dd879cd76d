import { expect } from '@open-wc/testing';
import type { CaseQuery } from './adapter.js';
import { isAdapterError } from './errors.js';
import { encodeCaseQuery, isCaseQueryParam } from './query-params.js';
import { decodeCaseQuery } from './query-decode.js';

const FULL: CaseQuery = {
  view: 'account',
  keyword: ' router ',
  statuses: ['new', 'open'],
  categories: ['pending-customer'],
  origins: ['web'],
  sort: { key: 'updatedAt', dir: 'desc' },
  cursor: 'abc',
  limit: 10,
  fields: {
    product: { op: 'in', values: ['router-x200', 'switch-s24'] },
    contract_id: { op: 'contains', value: 'NW-' },
    due_date: { op: 'range', from: '2026-01-01', to: null },
    affected_users: { op: 'eq', value: 5 },
  },
};

function validationParam(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    if (isAdapterError(e) && e.code === 'validation') return Object.keys(e.fieldErrors ?? {})[0] ?? '';
    throw e;
  }
  return null;
}

describe('query params', () => {
  it('encodes every CaseQuery part as openapi.yaml documents it', () => {
    const p = encodeCaseQuery(FULL);
    expect(p.get('view')).to.equal('account');
    expect(p.get('q')).to.equal('router');
    expect(p.getAll('status')).to.deep.equal(['new', 'open']);
    expect(p.getAll('category')).to.deep.equal(['pending-customer']);
    expect(p.get('sort')).to.equal('updatedAt:desc');
    expect(p.getAll('f.product.in')).to.deep.equal(['router-x200', 'switch-s24']);
    expect(p.get('f.contract_id.contains')).to.equal('NW-');
    expect(p.get('f.due_date.from')).to.equal('2026-01-01');
    expect(p.has('f.due_date.to')).to.equal(false);
    expect(p.get('f.affected_users')).to.equal('5');
  });

  it('round-trips through decode, restoring numbers and booleans by field type', () => {
    const q: CaseQuery = {
      view: 'mine',
      keyword: 'router',
      statuses: ['new'],
      sort: { key: 'number', dir: 'asc' },
      limit: 5,
      fields: {
        affected_users: { op: 'range', from: 1, to: 10 },
        vip: { op: 'eq', value: true },
        product: { op: 'eq', value: 'router-x200' },
        env: { op: 'in', values: ['production'] },
      },
    };
    const types = { affected_users: 'number', vip: 'checkbox', product: 'choice' } as const;
    expect(decodeCaseQuery(encodeCaseQuery(q), types)).to.deep.equal(q);
    // lenient mode changes nothing for a well-formed query
    expect(decodeCaseQuery(encodeCaseQuery(q), types, { lenient: true })).to.deep.equal(q);
  });

  it('strict (REST): refuses malformed parameters with validation instead of ignoring them', () => {
    for (const bad of ['view=everyone', 'sort=number', 'limit=0', 'category=bogus', 'f.n=abc', 'f.b=yes', 'f.n.from=x']) {
      expect(validationParam(() => decodeCaseQuery(new URLSearchParams(bad), { n: 'number', b: 'checkbox' })), bad).to.be.a('string');
    }
    // parameters that are no part of a query are not the contract's business
    expect(decodeCaseQuery('page=5&utm=x')).to.deep.equal({});
  });

  it('strict with a prefix names the parameter as it appeared in the error', () => {
    expect(validationParam(() => decodeCaseQuery('case.sort=zzz', {}, { prefix: 'case.' }))).to.equal('case.sort');
    // a foreign parameter is never judged, even when it looks malformed
    expect(validationParam(() => decodeCaseQuery('sort=zzz&case.view=mine', {}, { prefix: 'case.' }))).to.equal(null);
  });

  it('lenient (hand-edited URLs): drops malformed and unknown values, keeps the good ones', () => {
    const q = decodeCaseQuery(
      'view=everyone&q=%20%20&status=&status=open&category=bogus&category=closed&origin=&sort=zzz&limit=0' +
        '&f.n=abc&f.b=yes&f.t=&f.c.contains=&f.m.in=&f.m.in=a&f.e.in=&f.r.from=x&f.r.to=7&f.s.from=&f.=1',
      { n: 'number', b: 'checkbox', r: 'number', s: 'date' },
      { lenient: true },
    );
    expect(q).to.deep.equal({
      statuses: ['open'],
      categories: ['closed'],
      fields: { m: { op: 'in', values: ['a'] }, r: { op: 'range', to: 7 } },
    });
    expect(decodeCaseQuery('sort=zzz&status=', {}, { lenient: true })).to.deep.equal({});
    expect(decodeCaseQuery('q=%20router%20', {}, { lenient: true })).to.deep.equal({ keyword: 'router' });
  });

  it('encodes under a prefix and decodes only the prefixed parameters', () => {
    const p = encodeCaseQuery({ keyword: 'router', statuses: ['open'], fields: { product: { op: 'in', values: ['x'] } } }, { prefix: 'case.' });
    expect(p.toString()).to.equal('case.q=router&case.status=open&case.f.product.in=x');

    const url = new URLSearchParams('page=5&q=other&status=new&case.q=router&case.status=open&b.q=mine&case.f.product.in=x&case.=1');
    expect(decodeCaseQuery(url, {}, { prefix: 'case.' })).to.deep.equal({
      keyword: 'router',
      statuses: ['open'],
      fields: { product: { op: 'in', values: ['x'] } },
    });
    expect(decodeCaseQuery(url, {}, { prefix: 'b.' })).to.deep.equal({ keyword: 'mine' });
    // no prefix reads the bare names and ignores the prefixed ones (they are unknown names)
    expect(decodeCaseQuery(url)).to.deep.equal({ keyword: 'other', statuses: ['new'] });

    const back = decodeCaseQuery(encodeCaseQuery(FULL, { prefix: 'x-' }), { affected_users: 'number' }, { prefix: 'x-', lenient: true });
    expect(back).to.deep.equal({
      ...FULL,
      keyword: 'router',
      fields: { ...FULL.fields, due_date: { op: 'range', from: '2026-01-01' } },
    });
  });

  it('tells query parameters from the rest', () => {
    expect(['view', 'q', 'status', 'sort', 'limit', 'f.product.in'].every((n) => isCaseQueryParam(n))).to.equal(true);
    expect(['page', 'utm', 'f.', 'open', 'new'].some((n) => isCaseQueryParam(n))).to.equal(false);
    expect(isCaseQueryParam('case.q', 'case.')).to.equal(true);
    expect(isCaseQueryParam('q', 'case.')).to.equal(false);
    expect(isCaseQueryParam('case.open', 'case.')).to.equal(false);
  });
});
