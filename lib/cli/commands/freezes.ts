// tidegate freeze list|create|end and tidegate quarantine list|lift (issue 25): the overview's calendar and
// quarantined versions from a terminal. Creating, ending and lifting need an admin, which no token scope grants
// today: with a token they are refused (403) with where to do it instead.
import { ApiError, request } from "../api";
import type { FreezeView, QuarantineView } from "../../freezes/client/types";
import type { CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";

/**
 * Declaring and ending freezes and lifting quarantines is an admin's act, and no API token scope grants it: a token
 * is told where to do it instead of a bare 403.
 */
async function asAdmin<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    throw new CliError(
      `Cannot ${what}: ${e.message}. This is an admin's decision and no API token scope grants it: use the overview (Freezes, Quarantined versions) or the API signed in as an admin.`,
      e.exitCode,
      { code: e.code, status: e.status },
    );
  }
}

const scope = (f: FreezeView) => [f.services ? `services ${f.services.join(",")}` : "every service", ...(f.environments ? [`environments ${f.environments.join(",")}`] : [])].join("; ");

export function freezeLine(f: FreezeView): string {
  return `${f.id}  ${f.state.toUpperCase().padEnd(8)} ${f.from} -> ${f.to}  ${f.reason} (${f.createdBy}; ${scope(f)})`;
}

export function quarantineLine(q: QuarantineView): string {
  const lifted = q.liftedAt ? `  lifted by ${q.liftedBy}: ${q.liftReason}` : "";
  return `${q.id}  ${q.service} ${q.serviceVersion}  rolled back in "${q.releaseName}" at ${q.at} by ${q.rolledBackBy}: ${q.reason}${lifted}`;
}

export async function freezeList(ctx: CliContext, o: { pastDays?: number }): Promise<number> {
  const { freezes } = await request<{ freezes: FreezeView[] }>(ctx.conn, "GET", `/api/freezes${o.pastDays ? `?pastDays=${o.pastDays}` : ""}`);
  if (ctx.json) ctx.out(JSON.stringify({ freezes }));
  else if (freezes.length === 0) ctx.out("No freeze now or coming.");
  else for (const f of freezes) ctx.out(freezeLine(f));
  return EXIT.ok;
}

export async function freezeCreate(ctx: CliContext, o: { from?: string; to: string; reason: string; service?: string[]; environment?: string[] }): Promise<number> {
  const body = {
    from: o.from ?? new Date().toISOString(),
    to: o.to,
    reason: o.reason,
    ...(o.service?.length ? { services: o.service } : {}),
    ...(o.environment?.length ? { environments: o.environment } : {}),
  };
  const created = await asAdmin("declare a freeze", () => request<FreezeView>(ctx.conn, "POST", "/api/freezes", body));
  ctx.out(ctx.json ? JSON.stringify(created) : `Declared: ${freezeLine(created)}`);
  return EXIT.ok;
}

export async function freezeEnd(ctx: CliContext, id: string, o: { reason: string }): Promise<number> {
  const ended = await asAdmin("end the freeze", () => request<FreezeView>(ctx.conn, "DELETE", `/api/freezes/${encodeURIComponent(id)}`, { reason: o.reason }));
  ctx.out(ctx.json ? JSON.stringify(ended) : `Ended: ${freezeLine(ended)}`);
  return EXIT.ok;
}

export async function quarantineList(ctx: CliContext, o: { all?: boolean; service?: string }): Promise<number> {
  const q = new URLSearchParams({ ...(o.all ? { all: "1" } : {}), ...(o.service ? { service: o.service } : {}) }).toString();
  const { quarantines } = await request<{ quarantines: QuarantineView[] }>(ctx.conn, "GET", `/api/quarantines${q ? `?${q}` : ""}`);
  if (ctx.json) ctx.out(JSON.stringify({ quarantines }));
  else if (quarantines.length === 0) ctx.out("No version is quarantined.");
  else for (const x of quarantines) ctx.out(quarantineLine(x));
  return EXIT.ok;
}

export async function quarantineLift(ctx: CliContext, id: string, o: { reason: string }): Promise<number> {
  const lifted = await asAdmin("lift the quarantine", () => request<QuarantineView>(ctx.conn, "POST", `/api/quarantines/${encodeURIComponent(id)}/lift`, { reason: o.reason }));
  ctx.out(ctx.json ? JSON.stringify(lifted) : `Lifted: ${quarantineLine(lifted)}`);
  return EXIT.ok;
}
