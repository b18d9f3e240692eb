// The route wrapper: authorize in one call, parse with zod, map errors to the one error shape, log every refusal.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { Permission } from "../../auth/core/roles";
import { isPrintableName, isWellFormed } from "../../releases/core/text";
import type { Actor } from "../../auth/server/actor";
import { type AccessTarget, actorMay, authorize, forbiddenFor } from "../../auth/server/authorize";
import { logError, logRefusal } from "../logging/ops-log";
import { appError, errorBody, errorFor, HttpError, type AppError } from "./app-error";
import { DATABASE_RETRY_AFTER_SECONDS } from "./database-unavailable";
import { parseWith } from "./parse-with";
import { BODY_LIMITS, readJsonBody } from "./read-json-body";

export { errorFor, HttpError, parseWith };

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  actor: Actor;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<Response>;

// errorResponse remembers what it answered, so the wrapper can log the code of refusals a handler returns.
const answered = new WeakMap<Response, AppError>();

/** A path parameter that could never name a row (control characters, ill-formed Unicode) is refused before any query. */
function checkParams(params: Record<string, string>): AppError | null {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string" || value.length > 200 || !isWellFormed(value) || !isPrintableName(value)) {
      return appError(400, "invalid_request", `Invalid path parameter "${name}"`, { issues: [{ path: name, message: "not a valid id" }] });
    }
  }
  return null;
}

function where(req: NextRequest) {
  return { method: req.method, path: req.nextUrl?.pathname ?? "?" };
}

/**
 * Wraps a route handler. `permission` is checked before the handler runs; `scope` names the route param that holds
 * a release id, for API tokens limited to one release or service. `withinScope`: the handler keeps to a limited
 * token's scope itself (filters a list, or checks the service its body names with `assertMay`).
 */
export function handle<P extends Record<string, string>>(
  permission: Permission,
  handler: Handler<P>,
  options: { scope?: keyof P; withinScope?: boolean } = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    let who: { actor?: Actor; releaseId?: string } = {};
    try {
      const params = (await context?.params) ?? ({} as P);
      const badParam = checkParams(params);
      if (badParam) return logged(req, errorResponse(badParam), who);
      const releaseId = options.scope ? params[options.scope] : undefined;
      const auth = await authorize(req, permission, { releaseId, withinScope: options.withinScope });
      if (!auth.ok) return errorResponse(auth.error); // authorize logs its own refusals
      who = { actor: auth.actor, releaseId };
      return logged(req, await handler({ req, params, actor: auth.actor }), who);
    } catch (e) {
      const error = errorFor(e);
      if (e instanceof LoggedRefusal) return errorResponse(error);
      if (error.status >= 500) {
        logError(error.code === "database_unavailable" ? "database unavailable" : "request failed", {
          ...where(req),
          status: error.status,
          actor: who.actor?.name,
          releaseId: who.releaseId,
          error: describeError(e),
        });
        return errorResponse(error);
      }
      return logged(req, errorResponse(error), who);
    }
  };
}

/**
 * For handlers that learn the target from the body (a plan's service, an override): refuses with 403 (logged) when
 * the caller may not, before anything is written.
 */
export async function assertMay(req: NextRequest, actor: Actor, permission: Permission, target: AccessTarget): Promise<void> {
  if (!(await actorMay(actor, permission, target))) {
    throw new LoggedRefusal(forbiddenFor(actor, permission, { ...where(req), releaseId: target.releaseId }));
  }
}

/** A refusal whose line was already written (forbiddenFor logs), so the wrapper does not log it twice. */
class LoggedRefusal extends HttpError {}

function describeError(e: unknown) {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? ` (cause: ${e.cause.message})` : "";
  return `${e.name}: ${e.message.split("\n").slice(-3).join(" ").slice(0, 500)}${cause}${e.stack ? `\n${e.stack.split("\n").slice(1, 6).join("\n")}` : ""}`;
}

function logged(req: NextRequest, res: Response, who: { actor?: Actor; releaseId?: string }): Response {
  const error = answered.get(res);
  if (error) logRefusal({ ...where(req), status: error.status, code: error.code, actor: who.actor?.name, releaseId: who.releaseId });
  return res;
}

export function errorResponse(error: AppError): Response {
  const headers: Record<string, string> = {};
  if (error.status === 503) {
    // A refusal may say when to come back (the import pool's queue); the database's own wait otherwise.
    const asked = (error.details as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
    headers["Retry-After"] = String(typeof asked === "number" && asked > 0 ? Math.ceil(asked) : DATABASE_RETRY_AFTER_SECONDS);
  }
  const res = NextResponse.json(errorBody(error), { status: error.status, headers });
  answered.set(res, error);
  return res;
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return NextResponse.json(body, { status, headers });
}

/** Reads the body through the one byte-limited JSON reader (415, 413, 400), then validates it with a strict schema. */
export async function readJson<T extends z.ZodTypeAny>(req: Request, schema: T, what = "request body", limit: number = BODY_LIMITS.json): Promise<z.infer<T>> {
  return parseWith(schema, await readJsonBody(req, limit), what);
}
