// The write path's one "committed" signal: after a transaction that appended outbox messages commits, it announces
// them here and knows nothing of who listens. Consumers (live push, webhooks, the flag store) subscribe at start-up
// (lib/main/background-jobs.ts, the flag service); a process that wires none (a script, the CLI) publishes to nobody.
import "server-only";
import { logError } from "../logging/ops-log";
import type { OutboxRow } from "./outbox-store";
import type { EventView } from "../../releases/server/event-view";

/** One committed outbox message as the writer wrote it, with its event (so a listener need not parse it back). */
export interface CommittedMessage extends OutboxRow {
  event: EventView;
}

/**
 * A listener may return a promise: the writer waits for it before answering its caller, which is how a reader
 * of this process sees its own write at once (the flag store). Listeners that deliver elsewhere return nothing.
 */
export type CommittedListener = (messages: readonly CommittedMessage[]) => void | Promise<void>;

// The custom server and Next's bundled route handlers load this module separately: one list per process.
const holder = globalThis as unknown as { __tidegateCommitted?: CommittedListener[] };
const listeners = () => (holder.__tidegateCommitted ??= []);

export function onCommitted(listener: CommittedListener): () => void {
  listeners().push(listener);
  return () => {
    const all = listeners();
    const i = all.indexOf(listener);
    if (i >= 0) all.splice(i, 1);
  };
}

/** Called once per committed transaction, after the commit, never inside it. Never throws. */
export async function publishCommitted(messages: readonly CommittedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const waits: Promise<void>[] = [];
  for (const listener of [...listeners()]) {
    try {
      const result = listener(messages);
      if (result) waits.push(result.catch((e: Error) => logError("committed listener failed", { error: e.message })));
    } catch (e) {
      logError("committed listener failed", { error: (e as Error).message });
    }
  }
  await Promise.all(waits);
}
