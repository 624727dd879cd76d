/**
 * One case server in a process of its own, for tests that kill it (kill -9) or run several on one
 * database. The database comes from CASE_SERVER_DATABASE (migrated on start); the config is
 * support/server.ts's testConfig plus CASE_SERVER_CONFIG (JSON). Prints its URL as one line.
 */
import { buildApp, type ServerConfig } from '../../src/index.js';
import { testConfig } from './server.js';

const database = process.env.CASE_SERVER_DATABASE;
if (!database) throw new Error('CASE_SERVER_DATABASE is required');
const overrides = JSON.parse(process.env.CASE_SERVER_CONFIG ?? '{}') as Partial<ServerConfig>;
const app = await buildApp(testConfig({ database, ...overrides }), { logger: false, checkResponses: 'fail' });
process.stdout.write(`${await app.listen({ host: '127.0.0.1', port: 0 })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
