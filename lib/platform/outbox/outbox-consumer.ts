// One outbox consumer: a cursor, batch reads in delivery order under the visibility rule (outbox-store.ts), and
// wake-ups. The live push, the webhook fan-out and the flag store each run one; they differ only in what they do
// with a batch. Wake-ups come from this process's committed signal, the cluster bus (other instances' commits) and
// a slow poll (anything missed). Each message is handed over at least once and in order; the cursor is saved after
// the handler, so a crash between the two hands a batch over again (handlers are idempotent or de-duplicated).
import "server-only";
import type { Db } from "../db/client";
import { logError } from "../logging/ops-log";
import type { EventView } from "../../releases/server/event-view";
import type { CommittedMessage } from "./committed-signal";
import { cursorAfter, isAfter, laterOf, takeFromMemory, type OutboxPosition } from "./outbox-position";
import { loadOutboxCursor, outboxStart, readOutbox, saveOutboxCursor, type OutboxDialect, type OutboxRow } from "./outbox-store";

export interface OutboxConsumerOptions {
  /** The cursor's name in OutboxCursor, or null for a cursor kept in memory (starts after what is final). */
  name: string | null;
  client: () => Db;
  dialect: OutboxDialect;
  /** Several processes consume under this name (one shared cursor): the stored cursor is re-read before each pass. */
  shared?: boolean;
  /** What the consumer does with messages, in order (`event` is set when they come from memory). */
  handle: (rows: readonly (OutboxRow & { event?: EventView })[]) => void | Promise<void>;
  batch?: number;
}

const BATCH = 500;
/** After a signal, a message held back by an older running transaction is looked for again this soon, then slower. */
const RETRY_MS = [10, 25, 50, 100, 250, 500];
/** A cursor moved from memory is saved this much later, folding a burst of commits into one write. */
const SAVE_DELAY_MS = 250;

export class OutboxConsumer {
  private cursor: OutboxPosition | null = null;
  /** The furthest message a signal announced: passes go on (with back-off) until the cursor reaches it. */
  private wanted: OutboxPosition | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private retries = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: OutboxConsumerOptions) {}

  /**
   * The committed signal of this process. On SQLite, messages that are exactly the next positions are handed over
   * from memory (no read back); anything else, and always on PostgreSQL, wakes a pass.
   */
  offer(messages: readonly CommittedMessage[]): void {
    const rows = this.running ? null : takeFromMemory(this.options.dialect === "sqlite", this.cursor, messages);
    if (!rows) {
      const last = messages.reduce<OutboxPosition | undefined>((a, m) => (a ? laterOf(a, m) : m), undefined);
      this.kick(last && { txid: last.txid, position: last.position });
      return;
    }
    const next = cursorAfter(this.cursor!, rows);
    // The cursor moves only once the handler is done; if it fails, a pass reads the messages again.
    const failed = (e: Error) => {
      logError("outbox consumer failed", { consumer: this.label(), error: e.message });
      this.kick();
    };
    let handled: void | Promise<void>;
    try {
      handled = this.options.handle(rows);
    } catch (e) {
      failed(e as Error);
      return;
    }
    if (!handled) {
      this.moved(next);
      return;
    }
    this.running = handled
      .then(() => this.moved(next), failed)
      .finally(() => {
        this.running = null;
        if (this.again) this.kick();
      });
  }

  private moved(to: OutboxPosition): void {
    this.cursor = this.cursor ? laterOf(this.cursor, to) : to;
    this.scheduleSave();
  }

  /** Asks for a pass now; requests during a pass fold into one more pass after it. */
  kick(target?: OutboxPosition): void {
    if (this.stopped) return;
    if (target) this.wanted = this.wanted ? laterOf(this.wanted, target) : target;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  /** Runs passes until nothing is left to read; resolves when done (overlapping calls share the running work). */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          try {
            while (await this.pass()) {}
          } catch (e) {
            logError("outbox consumer failed", { consumer: this.label(), error: (e as Error).message });
            break;
          }
        } while (this.again);
      } finally {
        this.running = null;
      }
      this.followUp();
    })();
    return this.running;
  }

  /** Resolves when no pass is running (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops wake-ups; a cursor moved from memory and not yet saved is saved now (best effort). */
  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.save();
    }
  }

  /** One batch: returns true when more may be waiting. */
  private async pass(): Promise<boolean> {
    const { client, dialect, name, shared } = this.options;
    if (this.cursor === null || shared) {
      const stored = name ? await loadOutboxCursor(client(), dialect, name) : await outboxStart(client(), dialect);
      this.cursor = this.cursor ? laterOf(this.cursor, stored) : stored;
    }
    const batch = this.options.batch ?? BATCH;
    const rows = await readOutbox(client(), dialect, this.cursor, batch);
    if (rows.length === 0) return false;
    const next = cursorAfter(this.cursor, rows);
    await this.options.handle(rows);
    this.cursor = next;
    if (name) await saveOutboxCursor(client(), name, next);
    return rows.length === batch;
  }

  /**
   * A signalled message not yet readable belongs to a transaction held back behind an older one still running (or
   * rolled back, which sends no signal): look again soon, backing off, until the cursor reaches it.
   */
  private followUp(): void {
    if (this.stopped || !this.wanted || !this.cursor) return;
    if (!isAfter(this.wanted, this.cursor)) {
      this.wanted = null;
      this.retries = 0;
      return;
    }
    if (this.retry) return;
    const delay = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick();
    }, delay);
    this.retry.unref();
  }

  private scheduleSave(): void {
    const name = this.options.name;
    if (!name || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  private save(): void {
    const name = this.options.name;
    if (!name || !this.cursor) return;
    void saveOutboxCursor(this.options.client(), name, this.cursor).catch((e) =>
      logError("outbox cursor save failed", { consumer: name, error: (e as Error).message }),
    );
  }

  private label(): string {
    return this.options.name ?? "in-memory";
  }
}
