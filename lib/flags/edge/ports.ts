// What the flag front door (OFREP and the Unleash client API) needs from the thread that hosts it, and nothing more.
// The main thread plugs in the flag store, the token store and its exposure counts (lib/flags/server/
// main-thread-flag-ports.ts); the flag worker plugs in a copy fed by messages (flag-worker.ts). Nothing behind
// lib/flags/edge opens the database: flag-worker-graph.test.ts holds the worker's module graph to that.
import type { IncomingMessage } from "node:http";
import type { Actor } from "../../auth/server/actor";
import type { ServedFlag, SdkSighting } from "../core/served-flag";

/** The flag states served. */
export interface FlagSource {
  get(key: string): ServedFlag | undefined;
  all(): ServedFlag[];
  /** Content-derived, so two instances serving the same flags give the same ETag. */
  etag(): string;
  /** Called with the keys whose share, status or release changed; returns the unsubscribe. */
  onChange(listener: (keys: string[]) => void): () => void;
}

/** Verifies API keys and tokens: from a cache without a promise when it can, else from wherever the host keeps them. */
export interface KeyLookup {
  /** The key's actor when cached (the evaluation hot path); undefined means "ask lookUp". */
  cached(key: string, keyHash: string): Actor | undefined;
  /** Whether the key was valid a moment ago (cached, perhaps expired): looking it up again is a refresh, not a guess. */
  known(keyHash: string): boolean;
  /** The key's actor, or null for unknown, revoked and malformed keys. */
  lookUp(key: string): Promise<Actor | null>;
  /** The actor of an SDK key by id, unless revoked (an OFREP event stream's ticket names its key by id). */
  sdkKeyById(id: string): Promise<Actor | null>;
}

/** Where evaluation counts and SDK sightings go. */
export interface ExposureSink {
  evaluations(key: string, on: number, off: number, errors: number, nowMs: number): void;
  sdkSeen(sdk: SdkSighting, nowMs: number): void;
}

export interface FlagEdgePorts {
  flags: FlagSource;
  keys: KeyLookup;
  exposure: ExposureSink;
  /** Signs the OFREP event-stream tickets; the same in every thread of an instance (and every instance). */
  ticketSecret: string;
  /** The caller's address, for the budget of failed key lookups (proxies per TRUSTED_PROXIES). */
  clientAddress(req: IncomingMessage): string;
}
