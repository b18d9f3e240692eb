// The route wrapper: authorize in one call, parse with zod, map errors to the one error shape.
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { Permission } from "../../rollout/roles";
import type { Actor } from "../auth/actor";
import { authorize } from "../auth/authorize";
import { appError, errorBody, type AppError } from "./app-error";

export class HttpError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  actor: Actor;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<Response>;

/**
 * Wraps a route handler. `permission` is checked before the handler runs; `scope` names the route param that holds
 * a release id, for API tokens limited to one release.
 */
export function handle<P extends Record<string, string>>(
  permission: Permission,
  handler: Handler<P>,
  options: { scope?: keyof P } = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = (await context?.params) ?? ({} as P);
      const releaseId = options.scope ? params[options.scope] : undefined;
      const auth = await authorize(req, permission, releaseId);
      if (!auth.ok) return errorResponse(auth.error);
      return await handler({ req, params, actor: auth.actor });
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e.error);
      console.error(e);
      return errorResponse(appError(500, "internal", "Something went wrong on the server; nothing was changed"));
    }
  };
}

export function errorResponse(error: AppError): Response {
  return NextResponse.json(errorBody(error), { status: error.status });
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return NextResponse.json(body, { status, headers });
}

/** Issues as `{ path, message }`, so a client can point at the bad field. */
export function zodDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export function parseWith<T extends z.ZodTypeAny>(schema: T, value: unknown, what = "request"): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    throw new HttpError(
      appError(400, "invalid_request", `Invalid ${what}: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`, { issues: details }),
    );
  }
  return parsed.data;
}

export async function readJson<T extends z.ZodTypeAny>(req: Request, schema: T, what = "request body"): Promise<z.infer<T>> {
  let body: unknown;
  try {
    const text = await req.text();
    body = text.length ? JSON.parse(text) : undefined;
  } catch {
    throw new HttpError(appError(400, "invalid_json", "The request body is not valid JSON"));
  }
  return parseWith(schema, body, what);
}
