// The single authorization check: every API route, the socket handshake and each subscription ask it who the caller
// is and whether they may do what they ask, on what. 401 without identity, 403 without the role or scope; all logged.
import "server-only";
import { createHash } from "node:crypto";
import { getToken } from "next-auth/jwt";
import { can, type Permission, type Role } from "../core/roles";
import { scopesGrant } from "../core/token-scopes";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import { appError, type AppError } from "../../platform/http/app-error";
import { logRefusal } from "../../platform/logging/ops-log";
import { findReleaseService } from "../../releases/server/find-release-service";
import type { Actor } from "./actor";
import { actorForToken, tokenRefusal } from "./api-tokens";
import { isSessionRevoked } from "./revoked-sessions";

export interface RequestLike {
  method?: string;
  url?: string;
  headers: Headers | Record<string, string | string[] | undefined>;
}

function header(req: RequestLike, name: string): string | undefined {
  const h = req.headers;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A cookie with malformed percent-encoding is kept as sent rather than failing the request. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function cookies(req: RequestLike): Record<string, string> {
  const raw = header(req, "cookie") ?? "";
  return Object.fromEntries(
    raw
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)
      .filter((p) => p.includes("="))
      .map((p) => {
        const i = p.indexOf("=");
        return [safeDecode(p.slice(0, i)), safeDecode(p.slice(i + 1))];
      }),
  );
}

const secureCookies = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/** Resolves the caller, or null when anonymous. Users are re-read each time so a role change or disable bites at once. */
export async function resolveActor(req: RequestLike, options: { fresh?: boolean } = {}): Promise<Actor | null> {
  const auth = header(req, "authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return actorForToken(auth.slice(7).trim(), options);
  const jar = cookies(req);
  const token = await getToken({
    req: { headers: { cookie: header(req, "cookie") ?? "" }, cookies: jar } as never,
    secret: config().authSecret,
    secureCookie: secureCookies(),
  });
  if (!token?.sub) return null;
  // SESSION_MAX_AGE_SECONDS counts from the sign-in: renewing the cookie does not stretch it (the IdP's groups are
  // re-read at the next sign-in). Sessions from before authAt existed are bounded by their cookie's own expiry.
  const authAt = typeof token.authAt === "number" ? token.authAt : undefined;
  const sessionExpiresAt = authAt !== undefined ? authAt + config().SESSION_MAX_AGE_SECONDS : undefined;
  if (sessionExpiresAt !== undefined && sessionExpiresAt <= Date.now() / 1000) return null;
  const [user, revoked] = await Promise.all([
    db().user.findUnique({ where: { id: token.sub } }),
    typeof token.jti === "string" ? isSessionRevoked(token.jti) : Promise.resolve(false),
  ]);
  if (!user || user.disabled || revoked) return null;
  return {
    kind: "user",
    id: user.id,
    name: user.email,
    displayName: user.name,
    role: user.role as Role,
    signoffRoles: JSON.parse(user.signoffRoles) as string[],
    releaseScope: null,
    sessionId: typeof token.jti === "string" ? token.jti : undefined,
    sessionExpiresAt,
  };
}

/**
 * What a permission is asked on. Nothing: the whole installation (lists, server metrics), which a token limited to a
 * release or a service may not touch. `withinScope`: the handler itself keeps to the caller's scope (a list it
 * filters, a release whose service it checks once the body names it).
 */
export interface AccessTarget {
  releaseId?: string;
  /** The release's service; looked up from releaseId by actorMay when a token is limited to a service. */
  service?: string;
  withinScope?: boolean;
}

/** The one rule: people by role, tokens by scope and by the release or service they are limited to. */
export function actorCan(actor: Actor, permission: Permission, target: AccessTarget = {}): boolean {
  if (actor.kind === "user") return can(actor.role, permission);
  // SDK keys ship inside apps (even browsers): their only scope grants nothing here (the flag endpoints check it).
  if (!scopesGrant(actor.scopes ?? [], permission)) return false;
  if (target.withinScope) return true;
  if (actor.releaseScope) return target.releaseId === actor.releaseScope;
  if (actor.serviceScope) return target.service !== undefined && target.service === actor.serviceScope;
  return true;
}

/** actorCan, looking up the release's service when the caller is a token limited to one service. */
export async function actorMay(actor: Actor, permission: Permission, target: AccessTarget = {}): Promise<boolean> {
  if (actor.kind === "token" && actor.serviceScope && target.releaseId && target.service === undefined && !target.withinScope) {
    const service = await findReleaseService(target.releaseId);
    return service !== null && actorCan(actor, permission, { ...target, service });
  }
  return actorCan(actor, permission, target);
}

/** The 403 for a caller without the right, logged once here. */
export function forbiddenFor(actor: Actor, permission: Permission, where: { method?: string; path?: string; releaseId?: string }): AppError {
  logRefusal({ msg: "forbidden", ...where, status: 403, code: "forbidden", actor: actor.name, role: actor.role, permission, scopes: actor.scopes });
  const who = actor.kind === "token" ? `This API token (${(actor.scopes ?? []).join(", ") || "no scopes"}${scopeText(actor)})` : `Your role (${actor.role})`;
  return appError(403, "forbidden", `${who} may not ${permission} here`, { permission, role: actor.role, ...(actor.kind === "token" ? { scopes: actor.scopes ?? [] } : {}) });
}

function scopeText(actor: Actor): string {
  if (actor.releaseScope) return `; release ${actor.releaseScope}`;
  if (actor.serviceScope) return `; service ${actor.serviceScope}`;
  return "";
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery: a cookie-authenticated change must come from our own pages (same Origin) or carry
 * next-auth's CSRF token in X-CSRF-Token (what scripts with a cookie jar send). Bearer tokens are not ambient,
 * so they need neither.
 */
function csrfOk(req: RequestLike): boolean {
  const origin = header(req, "origin");
  // X-Forwarded-Host is a client-controlled header unless a reverse proxy we trust set it (TRUSTED_PROXIES; the
  // custom server also strips it from every other peer).
  const forwarded = config().TRUSTED_PROXIES.length > 0 ? header(req, "x-forwarded-host") : undefined;
  const host = forwarded ?? header(req, "host");
  if (origin && host) {
    try {
      if (new URL(origin).host === host) return true;
    } catch {
      return false;
    }
  }
  const sent = header(req, "x-csrf-token");
  const jar = cookies(req);
  const cookie = jar[secureCookies() ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token"];
  if (!sent || !cookie) return false;
  const [value, hash] = cookie.split("|");
  const expected = createHash("sha256").update(`${value}${config().authSecret}`).digest("hex");
  return value === sent && hash === expected;
}

export const INVALID_TOKEN_MESSAGE = "The API token is invalid: it is unknown, revoked or expired. Create a new one (Admin > API tokens)";

/**
 * The 401 answer. A caller that sent a token is told the token is bad, not to "Sign in" (a CLI or a pipeline cannot);
 * the code stays `unauthenticated` so clients that act on it keep working.
 */
export function unauthenticated(authorization: string | null | undefined, refusal: "expired" | "invalid" = "invalid"): AppError {
  if (refusal === "expired") {
    return appError(401, "token_expired", "The API token has expired (its expiresAt has passed). Create a new one (Admin > API tokens, or `tidegate token create`)", { reason: "token_expired" });
  }
  return authorization?.toLowerCase().startsWith("bearer ")
    ? appError(401, "unauthenticated", INVALID_TOKEN_MESSAGE, { reason: "invalid_token" })
    : appError(401, "unauthenticated", "Sign in (or send an API token) to do this");
}

export async function authorize(
  req: RequestLike,
  permission: Permission,
  target: AccessTarget = {},
): Promise<{ ok: true; actor: Actor } | { ok: false; error: AppError }> {
  const actor = await resolveActor(req);
  const where = { method: req.method ?? "?", path: req.url ? new URL(req.url, "http://x").pathname : "", releaseId: target.releaseId };
  if (!actor) {
    logRefusal({ msg: "unauthenticated", ...where, status: 401, code: "unauthenticated", permission });
    const authorization = header(req, "authorization");
    // Only a refused bearer token pays for this second look, to tell "expired" from "unknown or revoked".
    const refusal = authorization?.toLowerCase().startsWith("bearer ") ? await tokenRefusal(authorization.slice(7).trim()) : "invalid";
    return { ok: false, error: unauthenticated(authorization, refusal) };
  }
  if (!(await actorMay(actor, permission, target))) return { ok: false, error: forbiddenFor(actor, permission, where) };
  if (actor.kind === "user" && MUTATING.has((req.method ?? "GET").toUpperCase()) && !csrfOk(req)) {
    logRefusal({ msg: "csrf refused", ...where, status: 403, code: "csrf_failed", actor: actor.name });
    return {
      ok: false,
      error: appError(403, "csrf_failed", "Cross-site request refused: send the X-CSRF-Token header from /api/auth/csrf"),
    };
  }
  return { ok: true, actor };
}
