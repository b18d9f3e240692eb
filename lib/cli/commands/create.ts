// tidegate create --plan plan.json [--start]: a release from a plan file (the same JSON the board's New release
// form and POST /api/releases take), optionally started at once.
import { readFile } from "node:fs/promises";
import { request } from "../api";
import type { ActionResult, ReleaseView } from "../../releases/client/types";
import type { CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { formatActionDone, formatReleaseDetail } from "../format";
import { ApiError } from "../api";

export interface CreateOptions {
  plan: string;
  start?: boolean;
  /** Print only the new release's id (for `ID=$(tidegate create ... -q)`). */
  quiet?: boolean;
}

export async function create(ctx: CliContext, options: CreateOptions): Promise<number> {
  const plan = await readPlan(options.plan);
  let release: ReleaseView;
  try {
    release = await request<ReleaseView>(ctx.conn, "POST", "/api/releases", plan);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 400 || e.status === 422)) {
      const issues = (e.details as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
      const lines = [`The plan in ${options.plan} was refused: ${e.message}`, ...issues.map((i) => `  - ${i.path}: ${i.message}`)];
      throw new CliError(lines.join("\n"), EXIT.usage, { code: e.code, details: e.details });
    }
    throw e;
  }
  let started: ActionResult | undefined;
  if (options.start) {
    started = await request<ActionResult>(
      ctx.conn,
      "POST",
      `/api/releases/${encodeURIComponent(release.id)}/actions`,
      { action: "start", expectedVersion: release.version },
      { "idempotency-key": `cli-create-start-${release.id}` },
    );
  }
  const final = started ?? release;
  if (options.quiet) ctx.out(release.id);
  else if (ctx.json) ctx.out(JSON.stringify(final));
  else {
    ctx.out(`Created "${release.name}" (${release.id})`);
    ctx.out(started ? formatActionDone("start", started) : formatReleaseDetail(release));
    if (!started) ctx.note(`Start it with: tidegate start ${release.id}`);
  }
  return EXIT.ok;
}

async function readPlan(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === "-" ? await readStdin() : await readFile(file, "utf8");
  } catch (e) {
    throw new CliError(`Cannot read the plan file ${file}: ${(e as Error).message}`, EXIT.usage);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${(e as Error).message} (a Markdown plan is imported on the board first)`, EXIT.usage);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
