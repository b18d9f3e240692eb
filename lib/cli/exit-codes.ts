// The exit codes a pipeline branches on. Stable: scripts depend on them (listed in the README and in --help).
export const EXIT = {
  /** Done: the command applied, or `wait` saw its condition met. */
  ok: 0,
  /** Something unexpected: the server unreachable or failing (5xx), an answer the CLI cannot read. Retry later. */
  error: 1,
  /** The command line or its input is wrong: unknown option, missing token, unreadable or invalid plan (400). */
  usage: 2,
  /** `wait`: the release was rolled back before the condition was met. */
  rolledBack: 3,
  /** `wait`: --timeout elapsed first. */
  timeout: 4,
  /** `wait`: the condition can no longer be met (completed while waiting for rolled_back). */
  unreachable: 5,
  /** The server refused the command: a gate unmet (422), the release moved on (409), an action not allowed now. */
  refused: 6,
  /** The token is missing, unknown, revoked (401), or may not do this here (403). */
  auth: 7,
  /** No such release (or it is outside the token's scope's view). */
  notFound: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends the CLI with a message and a specific exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The exit code for an API error answer. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 422) return EXIT.refused;
  if (status >= 400 && status < 500) return EXIT.usage;
  return EXIT.error;
}
