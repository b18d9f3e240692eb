// Concurrent writers on PostgreSQL (or a second SQLite process) can collide on a unique key or a lock;
// such a transaction rolled back whole, so running it again is safe.

/** SQLite busy/snapshot errors and PostgreSQL serialization or unique violations mean "someone else wrote". */
export function isWriteConflict(e: unknown): boolean {
  const text = String((e as { code?: string })?.code ?? "") + " " + String((e as Error)?.message ?? "");
  return /P2002|P2034|SQLITE_BUSY|database is locked|could not serialize|deadlock detected|Unique constraint/i.test(text);
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
