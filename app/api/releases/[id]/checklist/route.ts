import { notFound } from "@/lib/server/http/app-error";
import { errorResponse, handle, json } from "@/lib/server/http/handle";
import { getRelease } from "@/lib/server/releases/get-release";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const release = await getRelease(params.id);
    if (!release) return errorResponse(notFound("Release", params.id));
    return json({ items: [...release.preChecklist, ...release.waves.flatMap((w) => w.checklist)] });
  },
  { scope: "id" },
);
