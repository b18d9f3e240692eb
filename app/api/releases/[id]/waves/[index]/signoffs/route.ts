import { z } from "zod";
import { HYPERCARE_PHASE, PRE_START_PHASE } from "@/lib/releases/core/gates";
import { freeText, nameText } from "@/lib/releases/core/text";
import { errorResponse, handle, json, parseWith, readJson } from "@/lib/platform/http/handle";
import { recordSignoff } from "@/lib/releases/server/record-signoff";

export const dynamic = "force-dynamic";

const TrackWaveSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}:(start|\d{1,2})$/, 'a track\'s wave is "<track>:<wave index>" or "<track>:start"')
  .transform((s) => {
    const [track, wave] = s.split(":");
    return { track, wave: wave === "start" ? ("start" as const) : Number(wave) };
  });

const SignoffSchema = z
  .object({
    role: nameText(80),
    decision: z.enum(["approve", "reject", "withdraw"]),
    comment: freeText(2000).optional(),
  })
  .strict();

export const POST = handle<{ id: string; index: string }>("checklist", async ({ req, params, actor }) => {
  // "pre" names the plan's pre-start sign-offs (preSignoffs), which gate START.
  // Issue 22: "<track>:<wave index>" or "<track>:start" names a programme track's sign-offs.
  const waveIndex =
    params.index === "pre"
      ? PRE_START_PHASE
      : params.index === "hypercare"
        ? HYPERCARE_PHASE
        : params.index.includes(":")
          ? parseWith(TrackWaveSchema, decodeURIComponent(params.index), "track wave")
          : parseWith(z.coerce.number().int().min(0).max(100), params.index, "wave index");
  const body = await readJson(req, SignoffSchema, "sign-off");
  const outcome = await recordSignoff(params.id, waveIndex, body, actor);
  if (!outcome.ok) return errorResponse(outcome.error);
  return json({ release: outcome.release, events: outcome.events }, 201);
});
