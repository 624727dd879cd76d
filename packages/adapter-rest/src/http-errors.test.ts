import { expect } from '@open-wc/testing';
import { codeForStatus, errorFromResponse, parseRetryAfter } from './http-errors.js';

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
