import { expect } from 'chai';
import Fastify from 'fastify';
import { buildApp } from '../src/index.js';
import { checkResponses } from '../src/contract/check-responses.js';
import { loadContract } from '../src/contract/openapi.js';
import { freshDatabaseUrl, testConfig } from './support/server.js';

/**
 * openapi.yaml is the one source of truth: the server serves every operation it names, validates
 * request bodies with its schemas, and (in tests, `checkResponses: 'fail'`) every response any test
 * provokes is checked against it — so these tests only prove the checker itself and the coverage.
 */
describe('the server against openapi.yaml', () => {
  it('serves every operation the document names', async () => {
    const db = await freshDatabaseUrl('sqlite');
    const app = await buildApp(testConfig({ database: db.url }), { logger: false, checkResponses: 'fail' });
    try {
      const missing = loadContract()
        .operations.filter((op) => !app.hasRoute({ method: op.method as 'GET', url: op.path.replace(/\{(\w+)\}/g, ':$1') }))
        .map((op) => `${op.method} ${op.path} (${op.operationId})`);
      expect(missing).to.deep.equal([]);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('refuses to start a route the document does not describe', async () => {
    const app = Fastify({ logger: false });
    checkResponses(app, 'fail');
    expect(() => app.get('/not-in-the-contract', async () => ({}))).to.throw(/does not describe GET \/not-in-the-contract/);
    await app.close();
  });

  it('turns a response that breaks its schema into a 500 naming the violation', async () => {
    const app = Fastify({ logger: false });
    checkResponses(app, 'fail');
    // A /me whose viewer lacks `permissions` and has a number for a name.
    app.get('/me', async () => ({ id: 'p1', name: 42 }));
    app.get('/cases/:id', async (_req, reply) => reply.status(404).send({ error: { code: 'no_such_code', message: 'x' } }));
    try {
      const me = await app.inject({ method: 'GET', url: '/me' });
      expect(me.statusCode).to.equal(500);
      const { error } = me.json();
      expect(error.message).to.contain('GET /me 200').and.contain("must have required property 'permissions'").and.contain('/name must be string');
      const err = await app.inject({ method: 'GET', url: '/cases/c1' });
      expect(err.statusCode).to.equal(500);
      expect(err.json().error.message).to.contain('GET /cases/{id} 404').and.contain('/error/code must be equal to one of the allowed values');
    } finally {
      await app.close();
    }
  });

  it('describes request bodies strictly: an unknown field or a malformed id is refused as the document says', () => {
    const { definitions } = loadContract();
    const defs = definitions.$defs as Record<string, { additionalProperties?: boolean; pattern?: string }>;
    for (const input of ['CaseInput', 'MessageInput', 'TransitionRequest', 'FeedbackInput', 'AddFilesInput']) {
      expect(defs[input]!.additionalProperties, input).to.equal(false);
    }
    expect(new RegExp(defs.CaseId!.pattern!).test('..')).to.equal(false);
  });
});
