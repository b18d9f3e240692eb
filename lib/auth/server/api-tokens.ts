// API tokens for machines: shown once, stored as a SHA-256 hash, limited to scopes (what) and to one release or one
// service (where), revocable.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { DEFAULT_TOKEN_SCOPES, parseStoredScopes, type TokenScope } from "../core/token-scopes";
import { db } from "../../platform/db/client";
import { cutSocketsSoon } from "../../realtime/server/revalidate-sockets";
import { type Actor, TOKEN_ACTOR_PREFIX } from "./actor";
import { cachedActorForHash, forgetCachedToken, forgetCachedTokens, hashToken, isWellFormedToken, rememberTokenActor, TOKEN_PREFIX } from "./token-cache";

// The cache and the hash live apart (token-cache.ts) so the flag worker can hold a cache without this store.
export { cachedActorForToken, forgetCachedTokens, hashToken, onTokensForgotten, tokenCacheSize } from "./token-cache";
import { recordAdminAction } from "../../audit/server/record-admin-action";

/** SDK keys say what they are, so a leaked one in an app bundle is recognisable as read-only flag access. */
export const SDK_KEY_PREFIX = "tg_sdk_";

export type TokenKind = "api" | "sdk";

/** SDK keys are the tokens whose only scope is "sdk"; the stored kind stays for readers of the older shape. */
const kindOf = (scopes: readonly TokenScope[]): TokenKind => (scopes.includes("sdk") ? "sdk" : "api");

export async function createApiToken(input: {
  name: string;
  releaseId?: string | null;
  createdBy: string;
  /** Resolved by resolveTokenScopes (both spellings of the request agree); without, today's ingest + read. */
  scopes?: readonly TokenScope[];
  service?: string | null;
  /** Issue 26: the token stops working then (401 token_expired); absent = never. */
  expiresAt?: Date | null;
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
        expiresAt: input.expiresAt ?? null,
      },
    });
    if (input.actor) {
      const data = { name: created.name, scopes: [...scopes], releaseId: created.releaseId, service: created.service, expiresAt: created.expiresAt?.toISOString() ?? null };
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
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export async function actorForToken(token: string, options: { fresh?: boolean } = {}): Promise<Actor | null> {
  if (!isWellFormedToken(token)) return null;
  const tokenHash = hashToken(token);
  const hit = options.fresh ? undefined : cachedActorForHash(tokenHash);
  if (hit) return hit;
  forgetCachedToken(tokenHash);
  const row = await db().apiToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt || isExpired(row.expiresAt)) return null;
  const actor = tokenActor(row);
  // A cached answer never outlives the token.
  rememberTokenActor(tokenHash, actor, row.expiresAt?.getTime());
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}

const isExpired = (expiresAt: Date | null) => expiresAt !== null && expiresAt.getTime() <= Date.now();

/** Why a well-formed token was refused: "expired" when it exists, is not revoked and its expiresAt has passed. */
export async function tokenRefusal(token: string): Promise<"expired" | "invalid"> {
  if (!isWellFormedToken(token)) return "invalid";
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { revokedAt: true, expiresAt: true } });
  return row && !row.revokedAt && isExpired(row.expiresAt) ? "expired" : "invalid";
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
    expiresAt: r.expiresAt?.toISOString() ?? null,
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

/** The actor of an SDK key by id, unless revoked (an OFREP event stream's ticket names its key by id). */
export async function activeSdkKeyActor(id: string): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { id } });
  return !row || row.revokedAt || row.kind !== "sdk" ? null : tokenActor(row);
}
