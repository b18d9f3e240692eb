// A flag key belongs to at most one active release: two releases moving the same flag would fight over its share.
// HttpError from app-error, not the route wrapper: this runs in scripts too (the demo seed), outside Next.js.
import "server-only";
import type { Tx } from "../../platform/db/client";
import { sqlDialect } from "../../platform/db/sql-dialect";
import { appError, HttpError } from "../../platform/http/app-error";

/** Releases that are still to ship or shipping; a completed or rolled-back release hands its keys on. */
export const ACTIVE_STATUSES = ["draft", "running", "paused"];

// Any constant: the transaction-scoped advisory lock that makes "check, then claim" one step on PostgreSQL.
const FLAG_KEYS_LOCK = 72707370;

/**
 * Refuses (409 flag_key_in_use) when another active release follows one of the keys. Call it in the transaction
 * that claims them (creating a release, or retrying a rolled-back one). Under READ COMMITTED two such transactions
 * would both see the keys free, so on PostgreSQL they queue on an advisory lock held until commit; SQLite runs one
 * write transaction at a time already.
 */
export async function assertFlagKeysFree(tx: Tx, keys: string[], exceptReleaseId?: string): Promise<void> {
  if (keys.length === 0) return;
  if (sqlDialect().kind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${FLAG_KEYS_LOCK})`);
  const active = await tx.release.findMany({
    where: { status: { in: ACTIVE_STATUSES }, flagKeys: { not: null }, ...(exceptReleaseId ? { id: { not: exceptReleaseId } } : {}) },
    select: { id: true, name: true, flagKeys: true },
  });
  const wanted = new Set(keys);
  const clashes = active.flatMap((r) =>
    (JSON.parse(r.flagKeys ?? "[]") as string[]).filter((k) => wanted.has(k)).map((key) => ({ key, releaseId: r.id, releaseName: r.name })),
  );
  if (clashes.length > 0) {
    throw new HttpError(
      appError(
        409,
        "flag_key_in_use",
        clashes.map((c) => `flag "${c.key}" already follows active release "${c.releaseName}"`).join("; "),
        { clashes },
      ),
    );
  }
}
