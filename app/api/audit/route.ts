import { AuditQuerySchema } from "@/lib/audit/core/audit-query";
import { readAdminAudit } from "@/lib/audit/server/read-admin-audit";
import { handle, json, parseWith } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** The admin audit log, newest first: `?limit=&cursor=&action=&actor=&since=&until=&targetType=&target=`. Admins only. */
export const GET = handle("manage", async ({ req }) => {
  const query = parseWith(AuditQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json(await readAdminAudit(query));
});
