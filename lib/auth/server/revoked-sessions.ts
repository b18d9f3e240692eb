// Signing out ends the session on the server too: a session cookie is a self-contained JWT, so its id is kept
// here until the cookie would have expired anyway, and every request presenting it is refused.
import "server-only";
import { db } from "../../platform/db/client";

export async function revokeSession(jti: string, expiresAtSeconds: number | undefined): Promise<void> {
  const expiresAt = new Date((expiresAtSeconds ?? Date.now() / 1000 + 24 * 3600) * 1000);
  await db().revokedSession.upsert({ where: { jti }, create: { jti, expiresAt }, update: {} });
}

export async function isSessionRevoked(jti: string): Promise<boolean> {
  return (await db().revokedSession.findUnique({ where: { jti }, select: { jti: true } })) !== null;
}

/** Rows whose cookie has expired protect nothing; the retention job removes them. */
export async function pruneRevokedSessions(now = new Date()): Promise<number> {
  const { count } = await db().revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
