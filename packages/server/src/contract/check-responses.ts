import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadContract, templateOf, type Contract } from './openapi.js';

// ajv-formats is CommonJS with a default export: NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type ResponseCheck = 'off' | 'log' | 'fail';

/** One contract violation, as the log and (in `fail` mode) the 500 body describe it. */
export interface Violation {
  operation: string;
  status: number;
  errors: string[];
}

/**
 * Checks every JSON response against the operation's schema in openapi.yaml for its status (or the
 * `default` response). `fail` (tests) turns a violation into a 500 naming it, so a test that
 * exercises a route also proves the route answers what the document promises; `log` (production,
 * opt-in) only logs. A route that the YAML does not describe is itself a violation.
 */
export function checkResponses(app: FastifyInstance, mode: ResponseCheck, contract: Contract = loadContract()): void {
  if (mode === 'off') return;
  // Every route registered after this point must be in the document (HEAD and CORS preflights are Fastify's).
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (contract.find(method, templateOf(route.url))) continue;
      const message = `openapi.yaml does not describe ${method} ${templateOf(route.url)}`;
      if (mode === 'fail') throw new Error(message);
      app.log.warn(message);
    }
  });
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema(contract.definitions);
  const compiled = new Map<string, ValidateFunction | null>();
  const validatorFor = (method: string, path: string, status: number): ValidateFunction | null | 'undocumented' => {
    const op = contract.find(method, path);
    if (!op) return 'undocumented';
    const key = `${method} ${path} ${status}`;
    if (!compiled.has(key)) {
      const schema = op.responses[String(status)] ?? (String(status) in op.responses ? null : op.responses.default);
      if (schema === undefined) return 'undocumented';
      compiled.set(key, schema ? ajv.compile(schema) : null);
    }
    return compiled.get(key)!;
  };

  const violationOf = (req: FastifyRequest, status: number, payload: unknown): Violation | null => {
    const path = templateOf(req.routeOptions.url!);
    const check = validatorFor(req.method, path, status);
    if (check === 'undocumented') return { operation: `${req.method} ${path}`, status, errors: ['this route or status is not in openapi.yaml'] };
    if (!check || check(payload)) return null;
    return { operation: `${req.method} ${path}`, status, errors: (check.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()) };
  };
  const failure = (violation: Violation) => ({
    error: { code: 'server', message: `Contract violation: ${violation.operation} ${violation.status}: ${violation.errors.join('; ')}` },
  });

  // Objects, before Fastify serializes them.
  const seen = new WeakSet<FastifyRequest>();
  app.addHook('preSerialization', async (req, reply, payload) => {
    if (!req.routeOptions.url) return payload; // Fastify's own 404 for an unknown route
    seen.add(req);
    const violation = violationOf(req, reply.statusCode, payload);
    if (!violation) return payload;
    req.log.error({ contractViolation: violation }, 'response does not match openapi.yaml');
    if (mode === 'log') return payload;
    reply.status(500);
    return failure(violation);
  });
  // JSON a route sent as text (routes/case-page.ts: stored cases sent as stored), which skips
  // preSerialization: parsed here, so the check covers exactly what goes out.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.routeOptions.url || seen.has(req) || typeof payload !== 'string' || !/\bjson\b/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    let violation: Violation | null;
    try {
      violation = violationOf(req, reply.statusCode, JSON.parse(payload));
    } catch (e) {
      violation = { operation: `${req.method} ${templateOf(req.routeOptions.url)}`, status: reply.statusCode, errors: [`not JSON: ${(e as Error).message}`] };
    }
    if (!violation) return payload;
    req.log.error({ contractViolation: violation }, 'response does not match openapi.yaml');
    if (mode === 'log') return payload;
    reply.status(500).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(failure(violation));
  });
}
