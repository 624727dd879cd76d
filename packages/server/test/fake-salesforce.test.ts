/**
 * The fake Salesforce is strict where Salesforce is: these requests are the mistakes a connector
 * could make (an unknown field, a wrong type, a read-only field, SOQL outside the subset, a bad
 * picklist value, a missing session), each refused with Salesforce's documented error body
 * `[{ message, errorCode, fields }]`. A fake that accepted them would let the connector's tests
 * pass on requests the real API refuses.
 */
import { expect } from 'chai';
import { FakeSalesforce } from './support/fake-salesforce.js';

describe('the fake Salesforce refuses what Salesforce refuses', () => {
  let fake: FakeSalesforce;
  let token = '';
  const api = (path: string) => `${fake.url}/services/data/v62.0${path}`;
  const send = async (method: string, path: string, body?: unknown, raw?: string) => {
    const res = await fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined || raw ? { 'content-type': 'application/json' } : {}) }, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const query = (q: string) => send('GET', `/query?${new URLSearchParams({ q })}`);

  before(async () => {
    fake = new FakeSalesforce({ batchSize: 2 });
    await fake.start();
    const res = await fetch(`${fake.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret }) });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  after(() => fake.stop());

  it('the token endpoint: wrong client → 400 invalid_client; an unknown grant → unsupported_grant_type', async () => {
    const post = async (form: Record<string, string>) => {
      const res = await fetch(`${fake.url}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      return { status: res.status, body: await res.json() };
    };
    expect(await post({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: 'wrong' })).to.deep.equal({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
    expect((await post({ grant_type: 'password', client_id: fake.clientId })).body.error).to.equal('unsupported_grant_type');
  });

  it('no session or an expired one → 401 INVALID_SESSION_ID', async () => {
    const res = await fetch(api('/query?q=SELECT+Id+FROM+Case'));
    expect(res.status).to.equal(401);
    expect(await res.json()).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('SOQL outside the subset → MALFORMED_QUERY; unknown fields and objects → INVALID_FIELD / INVALID_TYPE; a wrong literal → INVALID_QUERY_FILTER_OPERATOR', async () => {
    const code = async (q: string) => {
      const r = await query(q);
      expect(r.status, q).to.equal(400);
      return (r.body as { errorCode: string }[])[0]!.errorCode;
    };
    expect(await code('SELECT Id FROM Case WHERE Subject LIKE \'%printer%\'')).to.equal('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM Case WHERE ContactId = \'003000000000001AAA\' AND Status = \'New\' OR Status = \'Closed\'')).to.equal('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM Case GROUP BY Status')).to.equal('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM ContentDocumentLink')).to.equal('MALFORMED_QUERY');
    expect(await code('SELECT Colour__c FROM Case')).to.equal('INVALID_FIELD');
    expect(await code('SELECT Contact.Phone2 FROM Case')).to.equal('INVALID_FIELD');
    expect(await code('SELECT Id FROM Ticket')).to.equal('INVALID_TYPE');
    expect(await code('SELECT Id FROM CaseComment WHERE IsPublished = \'true\'')).to.equal('INVALID_QUERY_FILTER_OPERATOR');
    expect(await code('SELECT Id FROM Case WHERE SystemModstamp > \'2024-01-01\'')).to.equal('INVALID_QUERY_FILTER_OPERATOR');
    expect(await code('SELECT Id FROM Case WHERE Id = \'not-an-id\'')).to.equal('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('pages a query by nextRecordsUrl', async () => {
    const acme = fake.addAccount('Acme');
    const alex = fake.addContact({ name: 'Alex Morgan', email: 'alex@acme.example', accountId: acme.Id });
    for (let i = 0; i < 3; i++) fake.addCase({ contactId: alex.Id, subject: `Case ${i}` });
    const first = await query(`SELECT Id, Subject, Contact.Name FROM Case WHERE ContactId = '${alex.Id}' ORDER BY CreatedDate ASC`);
    expect(first.body).to.include({ totalSize: 3, done: false });
    expect(first.body.records[0].Contact).to.deep.include({ Name: 'Alex Morgan' });
    const next = await fetch(`${fake.url}${first.body.nextRecordsUrl}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await next.json()) as { done: boolean; records: { Subject: string }[] };
    expect(page.done).to.equal(true);
    expect(page.records.map((r) => r.Subject)).to.deep.equal(['Case 2']);
  });

  it('writes: unknown field → INVALID_FIELD, read-only → INVALID_FIELD_FOR_INSERT_UPDATE, wrong type or bad JSON → JSON_PARSER_ERROR, a value the picklist lacks → INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, a missing parent → REQUIRED_FIELD_MISSING', async () => {
    const first = (r: { body: { errorCode: string; fields?: string[] }[] }) => r.body[0]!;
    expect(first(await send('POST', '/sobjects/Case/', { Subject: 'x', Colour__c: 'red' }))).to.deep.include({ errorCode: 'INVALID_FIELD', fields: ['Colour__c'] });
    expect(first(await send('POST', '/sobjects/Case/', { Subject: 'x', CaseNumber: '1' })).errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
    const c = fake.addCase({ contactId: fake.addContact({ name: 'Bo Lind', email: 'bo@acme.example' }).Id, subject: 'Parent' });
    expect(first(await send('POST', '/sobjects/CaseComment/', { ParentId: c.Id, IsPublished: 'yes' }))).to.deep.include({ errorCode: 'JSON_PARSER_ERROR', fields: ['IsPublished'] });
    expect(first(await send('POST', '/sobjects/CaseComment/', { ParentId: '500999999999999AAA', CommentBody: 'x' })).errorCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
    expect(first(await send('POST', '/sobjects/Case/', undefined, '{"Subject": ')).errorCode).to.equal('JSON_PARSER_ERROR');
    expect(first(await send('POST', '/sobjects/Case/', { Subject: 'x', Status: 'Archived' })).errorCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(first(await send('POST', '/sobjects/CaseComment/', { CommentBody: 'orphan' })).errorCode).to.equal('REQUIRED_FIELD_MISSING');
    expect((await send('GET', '/sobjects/Case/500999999999999AAA')).status).to.equal(404);
  });

  it('the API limit: 429 with Retry-After, or 403 REQUEST_LIMIT_EXCEEDED', async () => {
    fake.rateLimit(1, 7);
    const res = await fetch(api('/query?q=SELECT+Id+FROM+Case'), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(429);
    expect(res.headers.get('retry-after')).to.equal('7');
    fake.rateLimit(1, 0, 403);
    const limited = await query('SELECT Id FROM Case');
    expect(limited.status).to.equal(403);
    expect(limited.body[0].errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
  });
});
