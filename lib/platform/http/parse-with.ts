// Validates a parsed value with a zod schema and refuses it in the one error shape, naming each bad field. Its own
// module (no auth, no Next) so a worker thread can validate what it reads without loading the request machinery.
import "server-only";
import type { z } from "zod";
import { appError, HttpError } from "./app-error";

/** Issues as `{ path, message }`, so a client can point at the bad field. */
function zodDetails(error: z.ZodError) {
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
