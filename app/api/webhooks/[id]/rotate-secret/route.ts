import { handle, json } from "@/lib/platform/http/handle";
import { rotateEndpointSecret } from "@/lib/webhooks/server/manage-endpoints";

export const dynamic = "force-dynamic";

/** A new secret (shown once); the previous one keeps signing beside it for 24 hours. */
export const POST = handle<{ id: string }>("manage", async ({ params, actor }) => json(await rotateEndpointSecret(params.id, actor)));
