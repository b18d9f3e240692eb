import { handle, json } from "@/lib/platform/http/handle";
import { replayDelivery } from "@/lib/webhooks/server/replay-delivery";

export const dynamic = "force-dynamic";

/** Sends the delivery again now (same webhook-id) and answers with the attempt's outcome. */
export const POST = handle<{ id: string; deliveryId: string }>("manage", async ({ params, actor }) =>
  json(await replayDelivery(params.id, params.deliveryId, actor)),
);
