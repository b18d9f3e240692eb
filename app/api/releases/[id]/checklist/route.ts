import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";
import { getRelease } from "@/lib/releases/server/get-release";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(
  "read",
  async ({ params }) => {
    const release = await getRelease(params.id);
    if (!release) return errorResponse(notFound("Release", params.id));
    // Issue 22: a programme's items sit on its tracks.
    const tracks = (release.tracks ?? []).flatMap((t) => [...t.startChecklist, ...t.waves.flatMap((w) => w.checklist)]);
    return json({ items: [...release.preChecklist, ...release.waves.flatMap((w) => w.checklist), ...tracks] });
  },
  { scope: "id" },
);
