// The flag worker's key lookup: a short cache of valid keys in the worker's own memory (token-cache.ts, per
// thread), filled by asking the main thread by message; the main thread looks keys up in the store. The worker
// itself never opens the database.
import type { Actor } from "../../auth/server/actor";
import { cachedActorForToken, forgetCachedTokens, hashToken, isWellFormedToken, rememberTokenActor, wasCachedHash } from "../../auth/server/token-cache";
import { appError, HttpError } from "../../platform/http/app-error";
import type { FromFlagWorker } from "./flag-worker-messages";
import type { KeyLookup } from "./ports";

/** Questions to the main thread awaiting an answer at once; past this a lookup is refused (503), not queued. */
export const MAX_PENDING_LOOKUPS = 1000;

type Kind = "token" | "key-id";

export class WorkerKeyLookup implements KeyLookup {
  private nextId = 1;
  private readonly pending = new Map<number, (actor: Actor | null) => void>();
  /** Questions on their way, by kind and value: concurrent requests with one new key ask once. */
  private inflight = new Map<string, Promise<Actor | null>>();
  /** Bumped by every forget: an answer to a question asked before a revoke is used once, never cached. */
  private generation = 0;

  constructor(private readonly send: (message: FromFlagWorker) => void) {}

  cached(key: string, keyHash: string): Actor | undefined {
    return cachedActorForToken(key, keyHash);
  }

  known(keyHash: string): boolean {
    return wasCachedHash(keyHash);
  }

  lookUp(key: string): Promise<Actor | null> {
    // A malformed key is unknown without asking (the main thread would say so without a lookup).
    if (!isWellFormedToken(key)) return Promise.resolve(null);
    const generation = this.generation;
    return this.ask("token", key).then((actor) => {
      if (actor && generation === this.generation) rememberTokenActor(hashToken(key), actor);
      return actor;
    });
  }

  sdkKeyById(id: string): Promise<Actor | null> {
    return this.ask("key-id", id);
  }

  /** The main thread's answer to question `id`. */
  answer(id: number, actor: Actor | null): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(actor);
  }

  /** A token was revoked (here or on another instance): drop the cache and ask afresh from now on. */
  forget(): void {
    this.generation++;
    this.inflight = new Map();
    forgetCachedTokens();
  }

  /** Questions still unanswered (for tests). */
  pendingCount(): number {
    return this.pending.size;
  }

  private ask(kind: Kind, value: string): Promise<Actor | null> {
    const which = `${kind}:${value}`;
    const flying = this.inflight.get(which);
    if (flying) return flying;
    if (this.pending.size >= MAX_PENDING_LOOKUPS) {
      return Promise.reject(new HttpError(appError(503, "lookups_busy", "Too many key lookups at once; retry shortly")));
    }
    const id = this.nextId++;
    const inflight = this.inflight;
    const answered = new Promise<Actor | null>((resolve) => this.pending.set(id, resolve));
    inflight.set(which, answered);
    void answered.then(() => inflight.delete(which));
    this.send({ type: "lookup", id, kind, value });
    return answered;
  }
}
