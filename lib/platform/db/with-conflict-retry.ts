// Concurrent writers on PostgreSQL (or a second SQLite process) can collide on a lock or on a key that two
// racing transactions both claim; such a transaction rolled back whole, so running it again is safe. Any other
// constraint error is a bug or bad data: it is not retried, and surfaces (logged) with its cause.
import "server-only";

/** Keys that racing writers legitimately both try to claim: the next event seq, an idempotency key, a cursor. */
const RACE_KEYS = ["ReleaseEvent", "IdempotencyRecord", "OutboxCursor", "consumer"];

function textOf(e: unknown): string {
  const err = e as { code?: string; message?: string; meta?: unknown };
  let meta = "";
  try {
    meta = JSON.stringify(err?.meta ?? {});
  } catch {
    // circular meta: the message is enough
  }
  return `${String(err?.code ?? "")} ${String(err?.message ?? "")} ${meta}`;
}

/** A unique-key violation on one of the keys racing writers claim (not, say, a duplicate e-mail). */
export function isUniqueRace(e: unknown): boolean {
  const text = textOf(e);
  if (!/P2002|Unique constraint|UNIQUE constraint failed|duplicate key value/i.test(text)) return false;
  return RACE_KEYS.some((key) => text.includes(key));
}

/** SQLite busy/snapshot errors, PostgreSQL serialization failures and deadlocks, and unique-key races. */
export function isWriteConflict(e: unknown): boolean {
  const text = textOf(e);
  return /P2034|SQLITE_BUSY|database is locked|could not serialize|deadlock detected/i.test(text) || isUniqueRace(e);
}

export async function withConflictRetry<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isWriteConflict(e) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}
