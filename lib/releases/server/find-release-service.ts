// The service a release belongs to, for tokens limited to one service. A release's service never changes and ids
// are never reused (random UUIDs), so an answer can be kept for good; the cache only bounds how many are kept.
import "server-only";
import { db } from "../../platform/db/client";

const MAX_KEPT = 10_000;
const holder = globalThis as unknown as { __tidegateReleaseService?: Map<string, string> };
const kept = (holder.__tidegateReleaseService ??= new Map());

/** The release's service, or null when no such release exists (not cached: it may be created later). */
export async function findReleaseService(releaseId: string): Promise<string | null> {
  const hit = kept.get(releaseId);
  if (hit !== undefined) return hit;
  const row = await db().release.findUnique({ where: { id: releaseId }, select: { service: true } });
  if (!row) return null;
  kept.set(releaseId, row.service);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
  return row.service;
}
