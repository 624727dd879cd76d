import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

/**
 * The REST contract (packages/adapter-rest/openapi.yaml) as the server uses it: the request-body
 * schemas its routes validate with, and each operation's response schemas for the response check.
 * The YAML is the one source: the server, the REST adapter and the document cannot drift apart.
 */

type Json = Record<string, unknown>;

/** The `$id` under which the YAML's component schemas are registered (Fastify's and the checker's Ajv). */
export const CONTRACT_ID = 'case-portal-contract';

export interface Operation {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/cases/{id}`. */
  path: string;
  /** Response schema by status ('200', '304', 'default'); null where the response has no JSON body. */
  responses: Record<string, Json | null>;
  /** The JSON request body's schema, when the operation takes one. */
  body: Json | null;
}

export interface Contract {
  /** `{ $id, $defs }`: the YAML's component schemas, refs rewritten to point into it. */
  definitions: Json;
  operations: Operation[];
  /** Looks an operation up by method and path template. */
  find(method: string, path: string): Operation | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `#/components/schemas/X` → `case-portal-contract#/$defs/X`, everywhere in a value. */
function rewriteRefs(value: unknown, components: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, components));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const schema = /^#\/components\/schemas\/(.+)$/.exec(v);
      if (schema) out.$ref = `${CONTRACT_ID}#/$defs/${schema[1]}`;
      else out.$ref = v;
    } else if (k === 'examples' || k === 'example') {
      // Annotations for readers of the YAML, not constraints: left out so Ajv's strict mode stays on.
    } else {
      out[k] = rewriteRefs(v, components);
    }
  }
  return out;
}

/** Follows a `#/components/<kind>/<name>` reference of the document (parameters, responses). */
function deref(doc: Json, value: unknown): Json {
  const ref = (value as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return (value ?? {}) as Json;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)[key], doc) as Json;
}

function jsonSchemaOf(content: unknown): Json | null {
  const json = (content as Json | undefined)?.['application/json'] as Json | undefined;
  return (json?.schema as Json | undefined) ?? null;
}

export function contractPath(): string {
  return createRequire(import.meta.url).resolve('@case-portal/adapter-rest/openapi.yaml');
}

let cached: Contract | undefined;

/** The contract, parsed once per process. */
export function loadContract(file = contractPath()): Contract {
  if (cached && file === contractPath()) return cached;
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  const components = (doc.components as Json | undefined) ?? {};
  const schemas = (components.schemas as Json | undefined) ?? {};
  const definitions = { $id: CONTRACT_ID, $defs: rewriteRefs(schemas, components) as Json };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths as Json | undefined) ?? {})) {
    for (const method of METHODS) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const responses: Record<string, Json | null> = {};
      for (const [status, response] of Object.entries((op.responses as Json | undefined) ?? {})) {
        const schema = jsonSchemaOf(deref(doc, response).content);
        responses[status] = schema ? (rewriteRefs(schema, components) as Json) : null;
      }
      const body = jsonSchemaOf(deref(doc, op.requestBody).content);
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        responses,
        body: body ? (rewriteRefs(body, components) as Json) : null,
      });
    }
  }
  const byKey = new Map(operations.map((o) => [`${o.method} ${o.path}`, o]));
  const contract: Contract = { definitions, operations, find: (method, path) => byKey.get(`${method.toUpperCase()} ${path}`) };
  if (file === contractPath()) cached = contract;
  return contract;
}

/** The request-body schema of an operation, for a Fastify route's `schema.body`. */
export function bodySchema(operationId: string): Json {
  const op = loadContract().operations.find((o) => o.operationId === operationId);
  if (!op?.body) throw new Error(`openapi.yaml: operation ${operationId} has no JSON request body`);
  return op.body;
}

/** Fastify's `/cases/:id` as the contract's `/cases/{id}`. */
export function templateOf(fastifyUrl: string): string {
  return fastifyUrl.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}
