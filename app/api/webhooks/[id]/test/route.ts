import { handle, json } from "@/lib/platform/http/handle";
import { sendTestEvent } from "@/lib/webhooks/server/send-test-event";

export const dynamic = "force-dynamic";

/** Sends a signed `webhook.test` event to the endpoint now and answers with the receiver's answer (admin). */
export const POST = handle<{ id: string }>("manage", async ({ params, actor }) => json(await sendTestEvent(params.id, actor)));
