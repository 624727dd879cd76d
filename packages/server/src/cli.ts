#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { TENANT } from './auth/authenticate.js';
import { serve } from './cli/serve.js';
import { demoConfig } from './config/demo.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { ServerConfig } from './config/types.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { seedBulk } from './seed/bulk-seed.js';
import { openBlobStore } from './files/open-blob-store.js';
import { seedDemo } from './seed/demo-seed.js';

const USAGE = `Usage: case-portal-server <command> [--config <file>]

Commands:
  migrate              bring the database to the newest schema
  seed                 load the demo's people, cases and conversations (idempotent)
  seed --cases <N>     generate N cases across many customers; one account holds up to 10,000
  serve                start the server; SIGTERM or Ctrl-C stops it gracefully

Options:
  --config <file>      YAML or JSON config. Without it: the demo config (sqlite:./data/cases.db,
                       the published demo sign-in key, 127.0.0.1:8787, a pretend agent)
  --help               this text

Exit codes: 0 done, 1 failed, 2 bad command line or config.`;

/** A problem with how the command was called: usage and exit code 2. */
class UsageError extends Error {}

interface Command {
  name: 'migrate' | 'seed' | 'serve';
  configFile: string | null;
  cases: number | null;
}

function parseCommand(argv: string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { config: { type: 'string' }, cases: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one command expected, got: ${positionals.join(' ')}` : 'a command is required');
  const name = positionals[0]!;
  if (name !== 'migrate' && name !== 'seed' && name !== 'serve') throw new UsageError(`unknown command "${name}"`);
  let cases: number | null = null;
  if (values.cases !== undefined) {
    if (name !== 'seed') throw new UsageError('--cases belongs to the seed command');
    cases = Number(values.cases);
    if (!/^\d+$/.test(values.cases) || cases < 1 || cases > 10_000_000) throw new UsageError(`--cases: a whole number from 1 to 10,000,000, got "${values.cases}"`);
  }
  return { name, configFile: values.config ?? null, cases };
}

function configOf(cmd: Command): { config: ServerConfig; notes: string[] } {
  if (cmd.configFile) return { config: loadConfig(cmd.configFile), notes: [] };
  return {
    config: demoConfig(),
    notes: ['no --config: running the demo config (published sign-in key, listening on 127.0.0.1 only); never expose it'],
  };
}

/** 'serving' while the server runs: from then on its signal handlers decide the exit code. */
async function run(cmd: Command): Promise<'done' | 'serving'> {
  const { config, notes } = configOf(cmd);
  if (cmd.name === 'serve') {
    await serve(config, notes);
    return 'serving';
  }
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    if (cmd.name === 'migrate') {
      console.log(`migrated ${config.database.replace(/\/\/[^@/]*@/, '//…@')}`);
    } else if (cmd.cases === null) {
      const r = await seedDemo(database, config.portal, TENANT, openBlobStore(config.files, database.db, () => new Date()));
      console.log(r.seeded ? `seeded the demo: ${r.cases} cases, ${r.messages} messages` : 'the demo data is there already: nothing to do');
    } else {
      let last = 0;
      const r = await seedBulk(database, config.portal, TENANT, cmd.cases, {
        onProgress: (done) => {
          if (done - last >= 100_000) {
            last = done;
            console.log(`  ${done} cases…`);
          }
        },
      });
      const secs = r.ms / 1000;
      console.log(`seeded ${r.cases} cases (${r.firstNumber}–${r.lastNumber}) in ${secs.toFixed(1)} s, ${Math.round(r.cases / secs)} cases/s`);
      console.log(`  big account (org ${'bench-big'}): ${r.bigAccountCases} cases by ${r.bigAccountPeople} people; ${r.customers} other customers in ${r.accounts} accounts`);
    }
  } finally {
    await database.db.destroy();
  }
  return 'done';
}

async function main(argv: string[]): Promise<number | 'serving'> {
  let cmd;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`case-portal-server: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (cmd === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    return (await run(cmd)) === 'serving' ? 'serving' : 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`case-portal-server: bad config ${e.message}`);
      return 2;
    }
    console.error(`case-portal-server ${cmd.name}: ${(e as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 'serving') process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
