import { getReleaseFlags } from "@/lib/flags/server/get-release-flags";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const flags = await getReleaseFlags(params.id, Date.now());
    return flags ? json(flags) : errorResponse(notFound("Release", params.id));
  },
  { scope: "id" },
);
