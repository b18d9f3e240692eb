// Signals between the instances sharing one PostgreSQL, through LISTEN/NOTIFY on one dedicated, unpooled connection
// per process (a pooled connection cannot stay subscribed). A notification only says "look now": every receiver
// reads the truth from the database, and a slower poll covers notifications lost while the connection was down.
// On SQLite there is one process, so nothing is sent and nothing is heard.
import "server-only";
import pg from "pg";
import { isPostgres } from "../db/client";
import { instanceId } from "./instance-id";
import { logError } from "../logging/ops-log";

/** Outbox messages committed (payload: the writer's instance id). Sent inside the writing transaction. */
export const OUTBOX_CHANNEL = "tidegate_outbox";
/** Metric samples stored for a release (payload: `<instance>|<releaseId>`). */
export const SAMPLES_CHANNEL = "tidegate_samples";
/** A token revoked or a user changed (payload: the instance id). */
export const AUTH_CHANNEL = "tidegate_auth";
const CHANNELS = [OUTBOX_CHANNEL, SAMPLES_CHANNEL, AUTH_CHANNEL];
const RECONNECT_MS = 1_000;

type Handler = (payload: string) => void;

interface Bus {
  client: pg.Client | null;
  connecting: boolean;
  handlers: Map<string, Handler[]>;
  stopped: boolean;
  timer: NodeJS.Timeout | null;
  onReconnect: (() => void)[];
  /** Signals go out one after another (pg wants one query at a time per connection). */
  sending: Promise<unknown>;
}

// The custom server and Next's bundled route handlers load this module separately: one bus per process.
const holder = globalThis as unknown as { __tidegateBus?: Bus };
const bus = (): Bus =>
  (holder.__tidegateBus ??= { client: null, connecting: false, handlers: new Map(), stopped: true, timer: null, onReconnect: [], sending: Promise.resolve() });

/** Calls `handler` for each notification on `channel` sent by another instance. */
export function onClusterSignal(channel: string, handler: Handler): void {
  const b = bus();
  b.handlers.set(channel, [...(b.handlers.get(channel) ?? []), handler]);
}

/** Called after the listening connection is (re)established: whatever was sent meanwhile was not heard. */
export function onBusReconnect(handler: () => void): void {
  bus().onReconnect.push(handler);
}

export function startClusterBus(url = process.env.DATABASE_URL): () => Promise<void> {
  if (!isPostgres(url)) return async () => {};
  const b = bus();
  b.stopped = false;
  void connect(b, url!);
  return async () => {
    b.stopped = true;
    if (b.timer) clearTimeout(b.timer);
    const c = b.client;
    b.client = null;
    await c?.end().catch(() => undefined);
  };
}

async function connect(b: Bus, url: string): Promise<void> {
  if (b.stopped || b.connecting) return;
  b.connecting = true;
  const client = new pg.Client({ connectionString: url, keepAlive: true, application_name: `tidegate-bus:${instanceId()}`.slice(0, 63) });
  const retry = (e?: Error) => {
    if (e) logError("cluster bus connection lost", { error: e.message });
    if (b.client === client) b.client = null;
    client.end().catch(() => undefined);
    if (!b.stopped && !b.timer) {
      b.timer = setTimeout(() => {
        b.timer = null;
        void connect(b, url);
      }, RECONNECT_MS);
      b.timer.unref();
    }
  };
  client.on("error", retry);
  client.on("notification", (n) => {
    const payload = n.payload ?? "";
    for (const handler of b.handlers.get(n.channel) ?? []) {
      try {
        handler(payload);
      } catch (e) {
        logError("cluster signal handler failed", { channel: n.channel, error: (e as Error).message });
      }
    }
  });
  try {
    await client.connect();
    for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    b.client = client;
    for (const h of b.onReconnect) h();
  } catch (e) {
    retry(e as Error);
  } finally {
    b.connecting = false;
  }
}

/** Sends a signal to every instance (this one included) outside any transaction; best effort. */
export function signalCluster(channel: string, payload: string): void {
  const b = bus();
  const client = b.client;
  if (!client) return;
  b.sending = b.sending
    .then(() => client.query("SELECT pg_notify($1, $2)", [channel, payload]))
    .catch((e: Error) => logError("cluster signal failed", { channel, error: e.message }));
}

/** Payloads carry the sender, so an instance ignores its own signals (it acted on them already). */
export const fromElsewhere = (payload: string) => payload.split("|")[0] !== instanceId();
