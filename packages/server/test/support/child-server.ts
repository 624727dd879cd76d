import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './server.js';

const ENTRY = fileURLToPath(new URL('./serve-process.ts', import.meta.url));

export interface ChildServer extends RunningServer {
  process: ChildProcess;
  /** What it printed so far: its warnings and errors (pino JSON lines), for a failing test's message. */
  output(): string;
}

/** Starts serve-process.ts on `databaseUrl` in a child process; resolves once it listens. */
export function spawnServer(databaseUrl: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ENTRY, databaseUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const failed = (code: number | null) => reject(new Error(`the server process exited (${code}) before listening: ${out}`));
    child.once('exit', failed);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^listening (\S+)$/m.exec(out);
      if (!m) return;
      child.off('exit', failed);
      resolve({
        url: m[1]!,
        databaseUrl,
        process: child,
        output: () => out,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
