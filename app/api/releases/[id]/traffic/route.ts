import { getReleaseTraffic } from "@/lib/releases/server/get-release-traffic";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Issue 24: the release's traffic router: weights as set and as read back, and the observed split of the last minute. */
export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const traffic = await getReleaseTraffic(params.id);
    return traffic === undefined ? errorResponse(notFound("Release", params.id)) : json({ trafficRouter: traffic });
  },
  { scope: "id" },
);
