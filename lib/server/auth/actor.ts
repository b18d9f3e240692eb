// Who is calling: a signed-in person (session cookie) or a machine (API token).
import type { Role } from "../../rollout/roles";

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
  /** For tokens: "api" reads and ingests; "sdk" only evaluates flags and reports SDK metrics. */
  tokenKind?: "api" | "sdk";
  /** SDK keys may be limited to the flags of one service. */
  serviceScope?: string | null;
  /** A signed-in person's session id (the cookie's jti), so an open socket can be cut when that session ends. */
  sessionId?: string;
}
