// Quarantined service versions: the standing ones (and, on request, the lifted ones), newest first.
import "server-only";
import { db } from "../../platform/db/client";
import { toQuarantineView } from "./freeze-view";

const MAX_LISTED = 200;

export async function listQuarantines(options: { includeLifted?: boolean; service?: string } = {}) {
  const rows = await db().quarantine.findMany({
    where: { ...(options.includeLifted ? {} : { liftedAt: null }), ...(options.service ? { service: options.service } : {}) },
    orderBy: { at: "desc" },
    take: MAX_LISTED,
  });
  return rows.map(toQuarantineView);
}
