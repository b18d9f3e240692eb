// PATCH and DELETE for the review and admin screens. api-client.ts has GET/POST/PUT only; this mirrors its
// behaviour exactly (same-origin, 401 -> sign in, the API's error shape as ApiError) so callers cannot tell them apart.
import { ApiError } from "./api-error";
import { redirectToLogin } from "./login-redirect";

async function send<T>(method: "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached; nothing was changed");
  }
  if (res.status === 401) redirectToLogin();
  const parsed = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  if (!res.ok) {
    const e = parsed?.error;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `The server answered ${res.status}`, e?.details ?? null);
  }
  return parsed as T;
}

export const apiPatch = <T>(path: string, body: unknown) => send<T>("PATCH", path, body ?? {});
export const apiDelete = <T>(path: string) => send<T>("DELETE", path);
