// The one error shape every API answer uses: { error: { code, message, details } }, with its HTTP status.
export interface AppError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export function appError(status: number, code: string, message: string, details?: unknown): AppError {
  return { status, code, message, details };
}

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
};

export function refusalToError(refusal: { code: string; message: string; details?: unknown }): AppError {
  return appError(REFUSAL_STATUS[refusal.code] ?? 400, refusal.code, refusal.message, refusal.details);
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? null } };
}
