import { buildApp } from '../app.js';
import type { ServerConfig } from '../config/types.js';

/** How long in-flight requests may take to finish after SIGTERM/SIGINT before the process gives up. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the server with pino logs (LOG_LEVEL, default info) and stops it gracefully on SIGTERM or
 * SIGINT: Fastify stops accepting (new requests on open connections get 503, which a load balancer
 * reads as "drain me"), in-flight requests finish, then the database closes and the process exits 0.
 * A shutdown that takes longer than SHUTDOWN_GRACE_MS exits 1.
 */
export async function serve(config: ServerConfig, notes: string[]): Promise<void> {
  const app = await buildApp(config, { logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  for (const note of notes) app.log.warn(note);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen({ host: config.listen.host, port: config.listen.port });
}
