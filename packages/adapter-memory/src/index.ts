export { MemoryAdapter, type MemoryAdapterOptions } from './memory-adapter.js';
export { demoSchema, buildSchema } from './schema.js';
export { DEMO_PEOPLE, DEMO_ACCOUNTS, DEMO_AGENTS, DEFAULT_VIEWER_ID, findDemoPerson, type DemoPersonKey } from './people.js';
export { DEFAULT_CASE_COUNT, DEFAULT_SEED, FIRST_CASE_NUMBER, generateCases, seedCase, seededCaseId, seedThread, type SeedContext } from './seed.js';
export { DEFAULT_STORAGE_KEY, MemoryStorage } from './storage.js';
