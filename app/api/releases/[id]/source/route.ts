import { appError } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";
import { getPlanSource } from "@/lib/plans/server/get-plan-source";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const source = await getPlanSource(params.id);
    return source
      ? json(source)
      : errorResponse(appError(404, "not_found", `Release "${params.id}" has no source document (it was not imported)`, { id: params.id }));
  },
  { scope: "id" },
);
