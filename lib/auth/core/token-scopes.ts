// What an API token may do. Pure, so the server enforces it and the admin screen shows the same answer.
import type { Permission } from "./roles";

export const TOKEN_SCOPES = ["ingest", "read", "sdk", "pipeline", "controller"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A token made without scopes keeps what every token could do before scopes existed. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ["ingest", "read"];

/**
 * sdk grants nothing on the API: SDK keys ship inside applications (even browsers) and reach the flag endpoints
 * only, which check the scope themselves. pipeline moves releases through their waves, never overrides a gate,
 * ticks a checklist, signs off or acknowledges an alert: those stay a person's judgement. controller (issue 24) is
 * Flagger's or Argo Rollouts' token: it reads releases and their gates and asks Tidegate's go/no-go and verdict
 * (`control`), and changes nothing.
 */
const SCOPE_GRANTS: Record<TokenScope, readonly Permission[]> = {
  ingest: ["ingest"],
  read: ["read"],
  sdk: [],
  pipeline: ["read", "create", "steer"],
  controller: ["read", "control"],
};

export function scopesGrant(scopes: readonly TokenScope[], permission: Permission): boolean {
  return scopes.some((s) => SCOPE_GRANTS[s].includes(permission));
}

/**
 * The scopes a token creation asks for, from either spelling: `scopes: [...]`, or the flags issue's
 * `kind: "sdk" | "api"`. Returns an error message when the two disagree or the combination is unsafe.
 */
export function resolveTokenScopes(input: { kind?: "api" | "sdk"; scopes?: readonly TokenScope[] }): { ok: true; scopes: TokenScope[] } | { ok: false; message: string } {
  const scopes = input.scopes ? [...new Set(input.scopes)] : input.kind === "sdk" ? (["sdk"] as TokenScope[]) : [...DEFAULT_TOKEN_SCOPES];
  if (scopes.length === 0) return { ok: false, message: "name at least one scope" };
  if (scopes.includes("sdk") && scopes.length > 1) {
    return { ok: false, message: "an SDK key ships inside applications: it cannot carry other scopes" };
  }
  if (input.kind === "sdk" && !scopes.includes("sdk")) return { ok: false, message: 'kind "sdk" means scopes ["sdk"]' };
  if (input.kind === "api" && scopes.includes("sdk")) return { ok: false, message: 'kind "api" cannot carry the "sdk" scope' };
  return { ok: true, scopes: TOKEN_SCOPES.filter((s) => scopes.includes(s)) };
}

/** Reads the stored JSON array; anything unreadable grants nothing (never more than was written). */
export function parseStoredScopes(json: string | null | undefined): TokenScope[] {
  try {
    const value: unknown = JSON.parse(json ?? "[]");
    if (!Array.isArray(value)) return [];
    return TOKEN_SCOPES.filter((s) => value.includes(s));
  } catch {
    return [];
  }
}
