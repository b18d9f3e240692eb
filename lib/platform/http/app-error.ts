// The one error shape every API answer uses: { error: { code, message, details } }, with its HTTP status.
import "server-only";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "./database-unavailable";

export interface AppError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export function appError(status: number, code: string, message: string, details?: unknown): AppError {
  return { status, code, message, details };
}

/**
 * The client cut the connection before its body was complete. Nothing was read, so nothing was changed; a 400 is
 * what it would read if it were still there, and the line is a refusal, never an error: it is nobody's fault here.
 */
export const bodyIncomplete = () =>
  new HttpError(appError(400, "body_incomplete", "The request body ended before it was complete: the client went away or cut the connection; nothing was changed"));

export const notFound = (what: string, id: string) => appError(404, "not_found", `${what} "${id}" does not exist`, { id });

/** Domain refusals are typed values; this is the one place that maps them to HTTP. */
const REFUSAL_STATUS: Record<string, number> = {
  invalid_transition: 409,
  version_conflict: 409,
  gates_unmet: 422,
  reason_required: 400,
  idempotency_key_reused: 422,
  not_found: 404,
  invalid_request: 400,
  forbidden: 403,
  /** Issue 15: a sign-off for a wave that is not next (in advance, or after the wave). */
  signoff_not_open: 409,
  /** Issue 22: a programme track's START before its `after` condition (and delay) holds. */
  track_waiting: 409,
  /** Issue 25: a freeze or a closed release window holds forward steps; a quarantined version may not START. */
  frozen: 409,
  quarantined: 409,
  promotion_blocked: 409,
  conflict: 409,
};

export function refusalToError(refusal: { code: string; message: string; details?: unknown }): AppError {
  return appError(REFUSAL_STATUS[refusal.code] ?? 400, refusal.code, refusal.message, refusal.details);
}

/** A refusal thrown from deep inside a request (body reader, parser); the route wrapper answers it as it is. */
export class HttpError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Maps anything thrown while serving a request to the one error shape: refusals as they are, an unreachable database to 503. */
export function errorFor(e: unknown): AppError {
  if (e instanceof HttpError) return e.error;
  if (isDatabaseUnavailable(e)) {
    return appError(503, "database_unavailable", "The database cannot be reached right now; nothing was changed. Retry shortly", {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  return appError(500, "internal", "Something went wrong on the server; nothing was changed");
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? null } };
}
