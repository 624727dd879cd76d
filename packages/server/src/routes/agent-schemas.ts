/**
 * Request bodies of the agent routes (openapi.yaml, tag "agent"), refusing unknown fields like the
 * customer routes do (routes/schemas.ts).
 */
const deadline = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['dueAt'],
      additionalProperties: false,
      properties: { dueAt: { type: 'string' }, metAt: { type: ['string', 'null'] } },
    },
  ],
};

export const agentReplyBody = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string' }, internal: { type: 'boolean' }, status: { type: 'string' } },
} as const;

export const statusBody = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { type: 'string' }, reason: { type: 'string' }, comment: { type: 'string' } },
} as const;

export const deadlinesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { response: deadline, resolution: deadline },
} as const;

export const mergeBody = {
  type: 'object',
  required: ['into'],
  additionalProperties: false,
  properties: { into: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
} as const;

export const linkBody = {
  type: 'object',
  required: ['caseId'],
  additionalProperties: false,
  properties: { caseId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
} as const;
