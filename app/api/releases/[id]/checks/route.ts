import { runGateChecks } from "@/lib/webhooks/server/run-gate-checks";
import { releaseExists } from "@/lib/releases/server/release-exists";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Re-asks the external checks of the release's current gate now; answers with what each said. */
export const POST = handle<{ id: string }>(
  "command",
  async ({ params }) => {
    if (!(await releaseExists(params.id))) return errorResponse(notFound("Release", params.id));
    return json({ checks: await runGateChecks(params.id) });
  },
  { scope: "id" },
);
