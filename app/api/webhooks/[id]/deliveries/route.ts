import { DeliveriesQuery } from "@/lib/api/core/requests";
import { handle, json, parseWith } from "@/lib/platform/http/handle";
import { listDeliveries } from "@/lib/webhooks/server/list-deliveries";

export const dynamic = "force-dynamic";


export const GET = handle<{ id: string }>("manage", async ({ req, params }) => {
  const query = parseWith(DeliveriesQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ deliveries: await listDeliveries(params.id, query) });
});
