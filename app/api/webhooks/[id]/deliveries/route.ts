import { z } from "zod";
import { handle, json, parseWith } from "@/lib/platform/http/handle";
import { listDeliveries } from "@/lib/webhooks/server/list-deliveries";

export const dynamic = "force-dynamic";

const QuerySchema = z
  .object({
    status: z.enum(["pending", "succeeded", "failed"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().datetime().optional(),
  })
  .strict();

export const GET = handle<{ id: string }>("manage", async ({ req, params }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ deliveries: await listDeliveries(params.id, query) });
});
