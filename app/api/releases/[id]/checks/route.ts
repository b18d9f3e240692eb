import { runGateChecks } from "@/lib/webhooks/server/run-gate-checks";
import { db } from "@/lib/platform/db/client";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Re-asks the external checks of the release's current gate now; answers with what each said. */
export const POST = handle<{ id: string }>(
  "command",
  async ({ params }) => {
    if (!(await db().release.findUnique({ where: { id: params.id }, select: { id: true } }))) return errorResponse(notFound("Release", params.id));
    return json({ checks: await runGateChecks(params.id) });
  },
  { scope: "id" },
);
