// The API token cache and the token hash, apart from the token store (api-tokens.ts) so the flag worker can keep a
// cache of its own without loading the database client: this file imports nothing that opens a connection.
import "server-only";
import { hash } from "node:crypto";
import type { Actor } from "./actor";

export const TOKEN_PREFIX = "tg_";

export function hashToken(token: string): string {
  // The one-shot form: a hash object per call was a visible share of a flag evaluation's CPU.
  return hash("sha256", token, "hex");
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
export function rememberTokenActor(tokenHash: string, actor: Actor, expiresAtMs?: number): void {
  cache.set(tokenHash, { actor, until: Math.min(Date.now() + CACHE_MS, expiresAtMs ?? Number.POSITIVE_INFINITY) });
  while (cache.size > TOKEN_CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

/** Forgets one token (its cached answer expired, or the caller wants the store's answer). */
export function forgetCachedToken(tokenHash: string): void {
  cache.delete(tokenHash);
}

/**
 * Whether the cache holds this hash at all, expired or not: the key was valid a moment ago, so looking it up again is
 * a refresh, not a guess (the front doors' failed-key budget lets refreshes through).
 */
export function wasCachedHash(tokenHash: string): boolean {
  return cache.has(tokenHash);
}

export const isWellFormedToken = (token: string) => token.startsWith(TOKEN_PREFIX) && token.length <= 200;

/** A token's cached actor by its hash, unless expired; a hit becomes the most recently used. */
export function cachedActorForHash(tokenHash: string): Actor | undefined {
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
  return isWellFormedToken(token) ? cachedActorForHash(knownHash ?? hashToken(token)) : undefined;
}
