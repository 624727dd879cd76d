import pg from 'pg';

/** What the listener reports; the hub passes its Fastify logger (pino) in. */
export interface HubLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLog: HubLog = { info() {}, warn() {}, error() {} };

export interface PgListenerOptions {
  url: string;
  channel: string;
  onNotify: (payload: string) => void;
  /** After every reconnect (not the first connect): notifications sent meanwhile are lost, catch up from the log. */
  onReconnect: () => void;
  log: () => HubLog;
  /** A `select 1` this often notices a connection that died without a word (a NAT dropping it). */
  pingEveryMs?: number;
  /** Name on the connection in pg_stat_activity (operators, and the tests that cut it). */
  applicationName?: string;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * One LISTEN connection per process, outside the pool (a pooled connection would be handed to
 * queries and lose its LISTEN). It reconnects on loss with a growing pause, LISTENs again, and then
 * calls `onReconnect` so the hub reads from the log what was committed while it was away.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: PgListenerOptions) {}

  /** The first connection: failing here fails the server's start, like its migrations would. */
  async start(): Promise<void> {
    this.client = await this.connect();
    const every = this.options.pingEveryMs ?? 30_000;
    this.pingTimer = setInterval(() => void this.ping(), every);
    this.pingTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: this.options.applicationName ?? 'case-portal-events', keepAlive: true });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (!this.closed) {
        this.options.log().warn({ err }, 'event notifications: connection lost, reconnecting');
        this.scheduleReconnect();
      }
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (msg.channel === this.options.channel && msg.payload) this.options.onNotify(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
    } catch (e) {
      lost = true;
      client.removeAllListeners();
      await client.end().catch(() => {});
      throw e;
    }
    return client;
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.reconnect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.connect();
      if (this.closed) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.retryMs = RETRY_MIN_MS;
      this.options.log().info({}, 'event notifications: reconnected');
      this.options.onReconnect();
    } catch (err) {
      this.options.log().warn({ err }, 'event notifications: reconnect failed');
      this.scheduleReconnect();
    }
  }

  private async ping(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), 10_000);
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch (err) {
      // A dead socket: 'end' may never come, so drop the connection ourselves.
      client.emit('error', err as Error);
    } finally {
      clearTimeout(timer);
    }
  }
}
