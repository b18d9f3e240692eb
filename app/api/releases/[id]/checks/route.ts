import { runGateChecks } from "@/lib/server/checks/run-gate-checks";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/http/app-error";
import { errorResponse, handle, json } from "@/lib/server/http/handle";

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
