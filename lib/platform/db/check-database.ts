// Health probe for the database: one round trip, with its latency.
import "server-only";
import { db } from "./client";
import { parseDatabaseUrl } from "./database-url";

export async function checkDatabase() {
  const kind = parseDatabaseUrl().kind;
  const started = performance.now();
  try {
    await db().release.count();
    return { ok: true, kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (e) {
    return { ok: false, kind, error: (e as Error).message.split("\n")[0] };
  }
}
