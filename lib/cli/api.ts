// The CLI's HTTP side: the same API the board uses, with an API token, errors mapped to exit codes.
import { CliError, EXIT, exitCodeForStatus } from "./exit-codes";

export interface Connection {
  /** The server's base URL, without a trailing slash. */
  url: string;
  token: string;
}

/** An error answer from the server, in its one shape. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details: unknown,
  ) {
    super(message, exitCodeForStatus(status), details);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

export async function request<T>(conn: Connection, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${conn.token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`Cannot reach ${conn.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, EXIT.error, { unreachable: true });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new CliError(`${method} ${path}: the server answered ${res.status} with something that is not JSON`, EXIT.error);
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `${method} ${path} answered ${res.status}`, error?.details ?? null);
  }
  return parsed as T;
}

/** Errors worth sending again unchanged (with the same idempotency key): the network, or a server that is down. */
export function isTransient(e: unknown): boolean {
  if (e instanceof ApiError) return e.status === 502 || e.status === 503 || e.status === 504;
  return e instanceof CliError && (e.details as { unreachable?: boolean } | undefined)?.unreachable === true;
}
