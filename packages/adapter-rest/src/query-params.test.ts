import { expect } from '@open-wc/testing';
import { isAdapterError, type CaseQuery } from '@case-portal/core';
import { decodeCaseQuery, encodeCaseQuery } from './query-params.js';
import { codeForStatus, errorFromResponse, parseRetryAfter } from './http-errors.js';

describe('query params', () => {
  it('encodes every CaseQuery part as openapi.yaml documents it', () => {
    const q: CaseQuery = {
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
    const p = encodeCaseQuery(q);
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
    const back = decodeCaseQuery(encodeCaseQuery(q), { affected_users: 'number', vip: 'checkbox', product: 'choice' });
    expect(back).to.deep.equal(q);
  });

  it('refuses malformed parameters with validation instead of ignoring them', () => {
    for (const bad of ['view=everyone', 'sort=number', 'limit=0', 'category=bogus', 'f.n=abc']) {
      let err: unknown;
      try {
        decodeCaseQuery(new URLSearchParams(bad), { n: 'number' });
      } catch (e) {
        err = e;
      }
      expect(isAdapterError(err) && err.code, bad).to.equal('validation');
    }
  });
});

describe('http errors', () => {
  it('maps statuses to codes', () => {
    expect([400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429, 500, 502, 503].map(codeForStatus)).to.deep.equal([
      'validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'conflict', 'too_large',
      'unsupported_type', 'validation', 'validation', 'rate_limited', 'server', 'server', 'server',
    ]);
  });

  it('never throws on odd bodies', () => {
    for (const body of ['', '<html>', 'null', '[]', '{"error":"boom"}', '{"error":{"code":42}}']) {
      const e = errorFromResponse(500, body, null);
      expect(e.code).to.equal('server');
      expect(e.backendMessage).to.equal(null);
    }
  });

  it('prefers the body code, keeps the message and string-only field errors', () => {
    const e = errorFromResponse(400, JSON.stringify({ error: { code: 'conflict', message: 'Changed.' }, fieldErrors: { a: 'x', b: 1 } }), null);
    expect(e.code).to.equal('conflict');
    expect(e.backendMessage).to.equal('Changed.');
    expect(e.fieldErrors).to.deep.equal({ a: 'x' });
    expect(e.status).to.equal(400);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).to.equal(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).to.equal(60);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});
