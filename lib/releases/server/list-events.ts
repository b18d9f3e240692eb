// Reads a release's audit trail in sequence order, optionally only what came after a known seq.
import "server-only";
import { db } from "../../platform/db/client";
import { toEventView, type EventView } from "./event-view";

export async function listEvents(releaseId: string, afterSeq = 0, limit = 1000): Promise<EventView[] | null> {
  const exists = await db().release.findUnique({ where: { id: releaseId }, select: { id: true } });
  if (!exists) return null;
  const rows = await db().releaseEvent.findMany({
    where: { releaseId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map(toEventView);
}
