// tidegate start|continue|pause|resume|rollback|retry <release>: one command, sent as the board sends it: with the
// version it was decided on (409 if the release moved since) and an idempotency key, so a retry after a dropped
// connection is applied once.
import { randomUUID } from "node:crypto";
import { ApiError, isTransient, request } from "../api";
import type { ActionResult, CommandType, ReleaseView } from "../../releases/client/types";
import type { CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { formatActionDone, formatEvent } from "../format";
import { resolveReleaseId } from "../resolve-release";

export interface ActOptions {
  reason?: string;
  /** The release version the decision was made on (from `status --json`); default: the version read now. */
  expectedVersion?: number;
  idempotencyKey?: string;
  /** Issue 22: the programme track the command is for. */
  track?: string;
}

const ATTEMPTS = 3;

export async function act(ctx: CliContext, action: CommandType, ref: string, options: ActOptions): Promise<number> {
  const id = await resolveReleaseId(ctx.conn, ref);
  const path = `/api/releases/${encodeURIComponent(id)}`;
  const expectedVersion = options.expectedVersion ?? (await request<ReleaseView>(ctx.conn, "GET", path)).version;
  const key = options.idempotencyKey ?? `cli-${randomUUID()}`;
  const body = { action, expectedVersion, ...(options.reason?.trim() ? { reason: options.reason.trim() } : {}), ...(options.track ? { track: options.track } : {}) };
  let result: ActionResult | undefined;
  for (let attempt = 1; !result; attempt++) {
    try {
      // A resend the server had already applied answers with the first result (Idempotent-Replayed).
      result = await request<ActionResult>(ctx.conn, "POST", `${path}/actions`, body, { "idempotency-key": key });
    } catch (e) {
      if (isTransient(e) && attempt < ATTEMPTS) {
        ctx.note(`tidegate: ${(e as Error).message}; sending again with the same idempotency key (${attempt}/${ATTEMPTS - 1})`);
        await new Promise((r) => setTimeout(r, 1000 * attempt));
        continue;
      }
      throw explain(e, action);
    }
  }
  if (ctx.json) {
    ctx.out(JSON.stringify(result));
  } else {
    const { events, ...view } = result;
    ctx.out(formatActionDone(action, view as ReleaseView));
    for (const e of events) ctx.out(`  ${formatEvent(e)}`);
  }
  return EXIT.ok;
}

/** Refusals in words a commander can act on: which gates are unmet, what moved. */
function explain(e: unknown, action: string): unknown {
  if (!(e instanceof ApiError)) return e;
  const details = e.details as { unmet?: { message: string }[]; missedEvents?: { actor: string; type: string }[]; allowed?: string[] } | null;
  const lines = [`Cannot ${action}: ${e.message}`];
  for (const u of details?.unmet ?? []) lines.push(`  - ${u.message}`);
  const tracks = (details as { field?: string; tracks?: string[] } | null)?.field === "track" ? (details as { tracks?: string[] }).tracks : undefined;
  if (tracks?.length) lines.push(`  Name one with --track (${tracks.join(", ")}).`);
  const held = (details as { freeze?: { until?: string | null }; quarantine?: { releaseId: string } } | null) ?? {};
  if (e.code === "frozen") lines.push(`  PAUSE, ROLLBACK and STEP BACK still work.${held.freeze?.until ? ` It lifts at ${held.freeze.until}.` : ""} An admin may break it for one command, with a reason, on the board (or the API's breakFreeze).`);
  if (e.code === "quarantined") lines.push("  An admin lifts it on the overview (Quarantined versions); tidegate quarantine list shows it.");
  if (e.code === "version_conflict") lines.push("  Look again (tidegate status <release>) and send the command again if it still makes sense.");
  if (e.code === "forbidden" && action) lines.push("  Overrides and other people's decisions stay on the board; a pipeline token may create, start, continue, pause, resume, roll back and retry its service's releases.");
  return new CliError(lines.join("\n"), e.exitCode, { code: e.code, status: e.status, details: e.details });
}
