// Reads the admin audit log newest first, a page at a time: the cursor is the last id served, so paging while new
// actions are written never repeats or skips an entry already there.
import "server-only";
import type { AuditQuery } from "../core/audit-query";
import { isAdminAction, type AdminAction, type AdminTargetType } from "../core/admin-actions";
import { db } from "../../platform/db/client";
import { logNotice } from "../../platform/logging/ops-log";

export interface AdminAuditEntry {
  id: number;
  at: string;
  actor: { id: string; label: string };
  action: AdminAction | string;
  target: { type: AdminTargetType | string; id: string };
  data: unknown;
}

export interface AdminAuditPage {
  entries: AdminAuditEntry[];
  /** Pass as `cursor` for the next (older) page; null when this page is the last. */
  nextCursor: string | null;
}

export async function readAdminAudit(query: AuditQuery): Promise<AdminAuditPage> {
  const rows = await db().adminAuditEvent.findMany({
    where: {
      ...(query.cursor !== undefined ? { id: { lt: query.cursor } } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.actor ? { OR: [{ actorId: query.actor }, { actorLabel: query.actor }] } : {}),
      ...(query.since || query.until ? { at: { ...(query.since ? { gte: query.since } : {}), ...(query.until ? { lte: query.until } : {}) } } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.target ? { targetId: query.target } : {}),
    },
    orderBy: { id: "desc" },
    // One more than asked says whether another page exists without a count query.
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actorId, label: r.actorLabel },
      action: r.action,
      target: { type: r.targetType, id: r.targetId },
      data: decode(r),
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}

/** A row edited by hand must not take the audit screen down: it is shown with no data, and logged. */
function decode(row: { id: number; action: string; dataJson: string }): unknown {
  try {
    return JSON.parse(row.dataJson);
  } catch {
    logNotice("admin audit entry unreadable", { id: row.id, action: row.action, known: isAdminAction(row.action) });
    return null;
  }
}
