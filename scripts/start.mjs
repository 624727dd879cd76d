// `npm start`: the whole portal against the real case server, with no other step.
//   1. the case server's database (SQLite under data/) migrated and the demo seeded, once
//      (`case-portal-server seed` is idempotent);
//   2. `case-portal-server serve` with the demo config (127.0.0.1:8787, the published demo key, a
//      pretend agent answering replies after 4 s);
//   3. vite on http://localhost:5173 with the demo pages, the demo host site's sign-in and token
//      endpoint, and /api/portal proxied to the server (vite.demo.config.ts).
// Ctrl-C stops both. The server runs from TypeScript (tsx, the workspace's "source" condition), so
// nothing needs building first; demo/bundle.html (the single file, no server) needs `npm run build`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const SERVER = process.env.CASE_SERVER_URL ?? 'http://127.0.0.1:8787';
const cli = (command) =>
  spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', command], {
    cwd: root,
    // Warnings and errors only: a request log per click would bury vite's own output.
    env: { LOG_LEVEL: 'warn', ...process.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

function finished(child) {
  return new Promise((done) => child.once('exit', (code, signal) => done(signal ? 1 : (code ?? 1))));
}

async function healthy(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${SERVER}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

if ((await finished(cli('seed'))) !== 0) {
  console.error('npm start: seeding the case server failed (see above)');
  process.exit(1);
}
const server = cli('serve');
const serverExit = finished(server);
if (!(await Promise.race([healthy(30_000), serverExit.then(() => false)]))) {
  console.error(`npm start: the case server did not come up at ${SERVER} (is the port taken by another process?)`);
  server.kill('SIGTERM');
  process.exit(1);
}

const vite = await createServer({ configFile: resolve(root, 'vite.demo.config.ts') });
await vite.listen();
vite.printUrls();
console.log(`  ➜  Case server: ${SERVER} (SQLite: data/cases.db; delete data/ to start over)`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  // The server first: vite's own SIGTERM handler ends this process once vite has closed, and a
  // server still running then keeps port 8787 and fails the next `npm start`.
  server.kill('SIGTERM');
  await vite.close();
  await serverExit;
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// However this process ends (vite's handler calls process.exit), the server does not outlive it.
process.on('exit', () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
});
void serverExit.then((code) => {
  if (!stopping) {
    console.error(`npm start: the case server stopped (exit ${code})`);
    void stop(1);
  }
});
