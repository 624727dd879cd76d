import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from '../../src/index.js';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited (after a kill, a crash or a clean stop). */
  exited: Promise<number | null>;
}

const entry = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

/** Starts serve-child.ts on `database` in its own Node process and waits until it listens. */
export async function startChildServer(database: string, config: Partial<ServerConfig> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    env: { ...process.env, CASE_SERVER_DATABASE: database, CASE_SERVER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the server process exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { url, process: child, exited };
}
