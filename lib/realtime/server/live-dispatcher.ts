// Delivers committed outbox messages to live sockets, in position order, and remembers how far it got in the
// database, so a process that dies between a commit and its publish delivers the message after the restart.
// The write path kicks it right after each commit (the happy path keeps its latency); a slow poll catches
// messages committed by other processes.
import "server-only";
import { instanceId } from "../../platform/cluster/instance-id";
import { db, isPostgres } from "../../platform/db/client";
import { isUniqueRace } from "../../platform/db/with-conflict-retry";
import { STATE_CHANGING_EVENTS, type AuditEventType } from "../../releases/core/events";
import { invalidateFlags } from "../../flags/server/flag-store";
import { logError } from "../../platform/logging/ops-log";
import { publishEvents, realtimeServer } from "./publish";
import type { EventView } from "../../releases/server/event-view";
import { LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";

/**
 * Every instance delivers every message to its own sockets, so each keeps its own cursor; the name is stable
 * across restarts of the same instance (TIDEGATE_INSTANCE_ID, else host and port) so a restart resumes.
 */
export const liveConsumerName = () => `live:${instanceId()}`;
const BATCH = 500;
/**
 * PostgreSQL hands out positions when rows are inserted, not when they commit: a later position can commit
 * first. A gap is waited for this long (the writer may still commit) before it is taken to be a rollback.
 */
const GAP_WAIT_MS = 2_000;

interface DispatcherState {
  cursor: number | null;
  running: boolean;
  again: boolean;
  gapSince: number | null;
  idle: Promise<void>;
}

const holder = globalThis as unknown as { __tidegateLiveOutbox?: DispatcherState };
const state = (): DispatcherState =>
  (holder.__tidegateLiveOutbox ??= { cursor: null, running: false, again: false, gapSince: null, idle: Promise.resolve() });

async function loadCursor(): Promise<number> {
  const row = await db().outboxCursor.findUnique({ where: { consumer: liveConsumerName() } });
  if (row) return row.position;
  // First start on this database: live clients catch up from the event log, so history is not replayed.
  const last = await db().outboxMessage.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
  const position = last?.position ?? 0;
  await saveCursor(position);
  return position;
}

/** Moves the stored cursor forward only (two saves racing on a connection pool can land in either order). */
async function saveCursor(position: number): Promise<void> {
  const consumer = liveConsumerName();
  const moved = await db().outboxCursor.updateMany({ where: { consumer, position: { lt: position } }, data: { position } });
  if (moved.count > 0) return;
  if (await db().outboxCursor.findUnique({ where: { consumer } })) return;
  await db()
    .outboxCursor.create({ data: { consumer, position } })
    .catch((e) => {
      if (!isUniqueRace(e)) throw e;
    });
}

function deliver(releaseId: string, event: EventView): void {
  // Traffic follows the release: flags move (and their SSE streams fire) with the same delivery.
  if (STATE_CHANGING_EVENTS.has(event.type as AuditEventType)) void invalidateFlags(releaseId);
  publishEvents(releaseId, [event]);
}

/**
 * The happy path, right after a commit: when the committed messages are exactly the next positions after the
 * cursor and no pass is running, they are delivered from memory (no read back). The cursor is saved a moment
 * later; a crash before that re-delivers a few events after the restart, which clients drop by seq. Anything
 * else (a gap, a pass in flight, another process's writes) goes through the ordinary pass.
 */
export function deliverCommitted(releaseId: string, committed: readonly { position: number; event: EventView }[]): void {
  if (!realtimeServer()) return;
  const s = state();
  const first = committed[0]?.position;
  if (first === undefined) return;
  if (s.running || s.cursor === null || first !== s.cursor + 1 || committed.some((c, i) => c.position !== first + i)) {
    kickLiveDispatcher();
    return;
  }
  for (const c of committed) deliver(releaseId, c.event);
  s.cursor = committed.at(-1)!.position;
  scheduleCursorSave(s);
}

const CURSOR_SAVE_DELAY_MS = 250;
let saveTimer: NodeJS.Timeout | null = null;

function scheduleCursorSave(s: DispatcherState): void {
  if (saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    if (s.cursor !== null) {
      void saveCursor(s.cursor).catch((e) => logError("outbox cursor save failed", { error: (e as Error).message }));
    }
  }, CURSOR_SAVE_DELAY_MS);
  saveTimer.unref();
}

/** One pass: deliver everything contiguous after the cursor. Returns true when more may be waiting. */
async function dispatchOnce(s: DispatcherState): Promise<boolean> {
  s.cursor ??= await loadCursor();
  const rows = await db().outboxMessage.findMany({
    // Every topic is read (other consumers' messages share the positions), so a hole is a real hole.
    where: { position: { gt: s.cursor } },
    orderBy: { position: "asc" },
    take: BATCH,
  });
  if (rows.length === 0) return false;
  let position = s.cursor;
  for (const row of rows) {
    if (row.position !== position + 1 && isPostgres()) {
      // A hole before this row: an uncommitted (or rolled-back) writer. Wait for it, within reason.
      s.gapSince ??= Date.now();
      if (Date.now() - s.gapSince < GAP_WAIT_MS) break;
    }
    s.gapSince = null;
    if (row.topic === LIVE_EVENT_TOPIC) deliver(row.releaseId, JSON.parse(row.payload) as EventView);
    position = row.position;
  }
  if (position !== s.cursor) {
    s.cursor = position;
    await saveCursor(position);
  }
  return rows.length === BATCH && position === rows.at(-1)!.position;
}

/** Asks for delivery now; bursts fold into one more pass after the running one. */
export function kickLiveDispatcher(): void {
  // Only a process with sockets delivers: a script that writes (the demo seed, the CLI) must not move the cursor of
  // the server it shares a host and port name with; that server's poll delivers its messages within a second.
  if (!realtimeServer()) return;
  const s = state();
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  s.idle = (async () => {
    try {
      do {
        s.again = false;
        try {
          if (await dispatchOnce(s)) s.again = true;
        } catch (e) {
          logError("live outbox dispatch failed", { error: (e as Error).message });
          break;
        }
      } while (s.again);
    } finally {
      s.running = false;
    }
  })();
}

/** Resolves when no dispatch pass is running (tests and shutdown wait on it). */
export function liveDispatcherIdle(): Promise<void> {
  return state().idle;
}
