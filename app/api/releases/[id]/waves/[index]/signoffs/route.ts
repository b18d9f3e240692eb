import { HYPERCARE_PHASE, PRE_START_PHASE } from "@/lib/releases/core/gates";
import { SignoffRequest, TrackWaveParam, WaveIndexParam } from "@/lib/api/core/requests";
import { errorResponse, handle, json, parseWith, readJson } from "@/lib/platform/http/handle";
import { recordSignoff } from "@/lib/releases/server/record-signoff";

export const dynamic = "force-dynamic";



export const POST = handle<{ id: string; index: string }>("checklist", async ({ req, params, actor }) => {
  // "pre" names the plan's pre-start sign-offs (preSignoffs), which gate START.
  // Issue 22: "<track>:<wave index>" or "<track>:start" names a programme track's sign-offs.
  const waveIndex =
    params.index === "pre"
      ? PRE_START_PHASE
      : params.index === "hypercare"
        ? HYPERCARE_PHASE
        : params.index.includes(":")
          ? parseWith(TrackWaveParam, decodeURIComponent(params.index), "track wave")
          : parseWith(WaveIndexParam, params.index, "wave index");
  const body = await readJson(req, SignoffRequest, "sign-off");
  const outcome = await recordSignoff(params.id, waveIndex, body, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events }, 201);
});
