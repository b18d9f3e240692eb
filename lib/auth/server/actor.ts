// Who is calling: a signed-in person (session cookie) or a machine (API token).
import "server-only";
import type { Role } from "../core/roles";
import type { TokenScope } from "../core/token-scopes";

/** How an API token appears in the audit trail: "token:<name>". */
export const TOKEN_ACTOR_PREFIX = "token:";

export interface Actor {
  kind: "user" | "token";
  id: string;
  /** What the audit trail shows: a person's email or "token:<name>". */
  name: string;
  /** What screens show: a person's name, or the token's name. */
  displayName: string;
  role: Role | null;
  signoffRoles: string[];
  /** API tokens may be limited to one release. */
  releaseScope: string | null;
  /** For tokens: "sdk" keys only evaluate flags and report SDK metrics; every other token is "api". */
  tokenKind?: "api" | "sdk";
  /** Tokens may be limited to the releases (SDK keys: the flags) of one service. */
  serviceScope?: string | null;
  /** For tokens: what they may do (lib/auth/core/token-scopes.ts). */
  scopes?: readonly TokenScope[];
  /** A signed-in person's session id (the cookie's jti), so an open socket can be cut when that session ends. */
  sessionId?: string;
  /** When a signed-in person's session ends (epoch seconds: sign-in + SESSION_MAX_AGE_SECONDS), for open sockets. */
  sessionExpiresAt?: number;
}
