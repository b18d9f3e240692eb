// API tokens for machines: shown once, stored as a SHA-256 hash, limited to scopes (what) and to one release or one
// service (where), revocable.
import { hash, randomBytes, randomUUID } from "node:crypto";
import { DEFAULT_TOKEN_SCOPES, parseStoredScopes, type TokenScope } from "../core/token-scopes";
import { db } from "../../platform/db/client";
import { cutSocketsSoon } from "../../realtime/server/revalidate-sockets";
import { type Actor, TOKEN_ACTOR_PREFIX } from "./actor";
import { recordAdminAction } from "../../audit/server/record-admin-action";

export const TOKEN_PREFIX = "tg_";
/** SDK keys say what they are, so a leaked one in an app bundle is recognisable as read-only flag access. */
export const SDK_KEY_PREFIX = "tg_sdk_";

export type TokenKind = "api" | "sdk";

export function hashToken(token: string): string {
  // The one-shot form: a hash object per call was a visible share of a flag evaluation's CPU.
  return hash("sha256", token, "hex");
}

/** SDK keys are the tokens whose only scope is "sdk"; the stored kind stays for readers of the older shape. */
const kindOf = (scopes: readonly TokenScope[]): TokenKind => (scopes.includes("sdk") ? "sdk" : "api");

export async function createApiToken(input: {
  name: string;
  releaseId?: string | null;
  createdBy: string;
  /** Resolved by resolveTokenScopes (both spellings of the request agree); without, today's ingest + read. */
  scopes?: readonly TokenScope[];
  service?: string | null;
  /** The administrator acting (the API): the creation is recorded in the admin audit log, in its transaction. */
  actor?: Pick<Actor, "id" | "name">;
}) {
  const scopes = input.scopes ?? DEFAULT_TOKEN_SCOPES;
  const kind = kindOf(scopes);
  const token = (kind === "sdk" ? SDK_KEY_PREFIX : TOKEN_PREFIX) + randomBytes(24).toString("base64url");
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id: randomUUID(),
        name: input.name,
        tokenHash: hashToken(token),
        releaseId: input.releaseId ?? null,
        createdBy: input.createdBy,
        kind,
        service: input.service ?? null,
        scopes: JSON.stringify(scopes),
      },
    });
    if (input.actor) {
      const data = { name: created.name, scopes: [...scopes], releaseId: created.releaseId, service: created.service };
      await recordAdminAction(tx, input.actor, { action: "api_token.created", targetId: created.id, data }, created.createdAt);
    }
    return created;
  });
  return {
    token,
    id: row.id,
    name: row.name,
    kind: row.kind as TokenKind,
    scopes: parseStoredScopes(row.scopes),
    releaseId: row.releaseId,
    service: row.service,
    createdAt: row.createdAt.toISOString(),
  };
}

// Ingestion authenticates every batch; a short cache keeps the hash lookup off the hot path. It holds only valid
// tokens (a flood of random bearer tokens adds nothing), at most TOKEN_CACHE_MAX of them (least recently used go
// first), and lives on globalThis: the custom server (sockets) and Next's bundled routes load this module separately,
// and a revoke must clear the one copy both use.
const TOKEN_CACHE_MAX = 1000;
const CACHE_MS = 2000;
const holder = globalThis as unknown as { __tidegateTokenCache?: Map<string, { actor: Actor; until: number }> };
const cache = (holder.__tidegateTokenCache ??= new Map());

/** How many tokens the cache holds now (for tests and the self-metrics). */
export function tokenCacheSize(): number {
  return cache.size;
}

const forgetListeners = ((globalThis as unknown as { __tidegateTokenForget?: Set<() => void> }).__tidegateTokenForget ??= new Set());

/** Another instance revoked a token: drop everything cached here rather than wait for the entries to expire. */
export function forgetCachedTokens(): void {
  cache.clear();
  // Caches elsewhere in this process (the flag worker's) are dropped with this one.
  for (const listener of forgetListeners) listener();
}

/** Called whenever this process's token cache is dropped (a revoke here or on another instance). */
export function onTokensForgotten(listener: () => void): () => void {
  forgetListeners.add(listener);
  return () => forgetListeners.delete(listener);
}

/** Caches a valid token's actor (the flag worker keeps the answers the main thread gave it this way). */
export function rememberTokenActor(tokenHash: string, actor: Actor): void {
  cache.set(tokenHash, { actor, until: Date.now() + CACHE_MS });
  while (cache.size > TOKEN_CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

const wellFormed = (token: string) => token.startsWith(TOKEN_PREFIX) && token.length <= 200;

function cached(tokenHash: string): Actor | undefined {
  const hit = cache.get(tokenHash);
  if (!hit || hit.until <= Date.now()) return undefined;
  cache.delete(tokenHash);
  cache.set(tokenHash, hit); // most recently used last
  return hit.actor;
}

/**
 * The token's actor when the cache has it, without a promise (the flag evaluation hot path); undefined means "ask
 * actorForToken", which also answers for unknown and revoked tokens.
 */
export function cachedActorForToken(token: string, knownHash?: string): Actor | undefined {
  return wellFormed(token) ? cached(knownHash ?? hashToken(token)) : undefined;
}

export async function actorForToken(token: string, options: { fresh?: boolean } = {}): Promise<Actor | null> {
  if (!wellFormed(token)) return null;
  const tokenHash = hashToken(token);
  const hit = options.fresh ? undefined : cached(tokenHash);
  if (hit) return hit;
  cache.delete(tokenHash);
  const row = await db().apiToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt) return null;
  const actor = tokenActor(row);
  rememberTokenActor(tokenHash, actor);
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}

export async function revokeApiToken(id: string, actor?: Pick<Actor, "id" | "name">): Promise<boolean> {
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 1 && actor) {
      const row = await tx.apiToken.findUniqueOrThrow({ where: { id }, select: { name: true } });
      await recordAdminAction(tx, actor, { action: "api_token.revoked", targetId: id, data: { name: row.name } }, now);
    }
    return revoked;
  });
  forgetCachedTokens();
  cutSocketsSoon();
  return result.count === 1;
}

export async function listApiTokens() {
  const rows = await db().apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as TokenKind,
    scopes: parseStoredScopes(r.scopes),
    releaseId: r.releaseId,
    service: r.service,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** The actor a stored token acts as: what its scopes allow, where its release or service allows it. */
export function tokenActor(row: { id: string; name: string; releaseId: string | null; kind: string; service: string | null; scopes: string }): Actor {
  const scopes = parseStoredScopes(row.scopes);
  return {
    kind: "token",
    id: row.id,
    name: `${TOKEN_ACTOR_PREFIX}${row.name}`,
    displayName: row.name,
    role: null,
    signoffRoles: [],
    releaseScope: row.releaseId,
    tokenKind: kindOf(scopes),
    serviceScope: row.service,
    scopes,
  };
}
