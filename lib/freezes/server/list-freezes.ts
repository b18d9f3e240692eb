// The freeze calendar: current and upcoming freezes (and, on request, those ended or over in the last days).
import "server-only";
import { db } from "../../platform/db/client";
import { MAX_OPEN_FREEZES } from "./freeze-store";
import { toFreezeView } from "./freeze-view";

export async function listFreezes(options: { includePastDays?: number } = {}, now = new Date()) {
  const since = new Date(now.getTime() - (options.includePastDays ?? 0) * 86_400_000);
  const rows = await db().freeze.findMany({
    where: options.includePastDays ? { to: { gt: since } } : { endedAt: null, to: { gt: now } },
    orderBy: { from: "asc" },
    take: MAX_OPEN_FREEZES,
  });
  return rows.map((r) => toFreezeView(r, now));
}
