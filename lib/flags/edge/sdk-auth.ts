// Who is asking the flag front door: the SDK key in the request, checked against the key lookup port, within the
// caller's budget of failed lookups. Only SDK keys pass; an API token is refused (403), it is not a flag reader.
import type { IncomingMessage } from "node:http";
import type { Actor } from "../../auth/server/actor";
import { hashToken, isWellFormedToken } from "../../auth/server/token-cache";
import { appError, type AppError } from "../../platform/http/app-error";
import { sdkKeyOf } from "../../platform/edge/credentials";
import { failedKeyLookups, rateLimited } from "../../platform/edge/failure-limit";
import type { ServedFlag } from "../core/served-flag";
import type { FlagEdgePorts } from "./ports";

export type AuthResult = { ok: true; actor: Actor } | { ok: false; status: 401 | 403 } | { ok: false; status: 429; retryAfter: number };

const authResult = (actor: Actor | null): AuthResult =>
  !actor ? { ok: false, status: 401 } : actor.tokenKind !== "sdk" ? { ok: false, status: 403 } : { ok: true, actor };

const TOKEN_HASH = Symbol("tidegate.sdkKeyHash");
type HashedSocket = { [TOKEN_HASH]?: { key: string; hash: string } };

/** A keep-alive connection sends the same key with every evaluation: it is hashed once per connection. */
function tokenHashOnSocket(req: IncomingMessage, key: string): string {
  const socket = req.socket as unknown as HashedSocket;
  const memo = socket[TOKEN_HASH];
  if (memo && memo.key === key) return memo.hash;
  const hash = hashToken(key);
  socket[TOKEN_HASH] = { key, hash };
  return hash;
}

/** The request's SDK key checked, without a promise when the key is cached (nearly always): the evaluation hot path. */
export function authenticateThen(ports: FlagEdgePorts, req: IncomingMessage, then: (auth: AuthResult) => void, fail: (e: unknown) => void): void {
  const key = sdkKeyOf(req.headers);
  const keyHash = key ? tokenHashOnSocket(req, key) : "";
  const actor = key ? ports.keys.cached(key, keyHash) : null;
  if (!key || actor) {
    then(authResult(actor ?? null));
    return;
  }
  // Only a guess costs the store a lookup that may fail: a well-formed key not valid a moment ago. Only guesses
  // count against the caller's budget, so a flood of them never holds back the refresh of a key in use.
  const costly = isWellFormedToken(key) && !ports.keys.known(keyHash);
  const client = costly ? ports.clientAddress(req) : "";
  if (costly) {
    const retryAfter = failedKeyLookups.charge(client, Date.now());
    if (retryAfter > 0) {
      then({ ok: false, status: 429, retryAfter });
      return;
    }
  }
  ports.keys
    .lookUp(key)
    .then((a) => {
      if (a && costly) failedKeyLookups.refund(client, Date.now());
      then(authResult(a));
    })
    .catch(fail);
}

/** The same check as a promise, for the paths that are not per evaluation (features, register, metrics). */
export function authenticate(ports: FlagEdgePorts, req: IncomingMessage): Promise<AuthResult> {
  return new Promise((resolve, reject) => authenticateThen(ports, req, resolve, reject));
}

/** A refused key in the house shape (the Unleash client API's), with the headers it needs. */
export function authRefusal(auth: Extract<AuthResult, { ok: false }>): { error: AppError; headers?: Record<string, string> } {
  if (auth.status === 429) return { error: rateLimited(auth.retryAfter), headers: { "retry-after": String(auth.retryAfter) } };
  return { error: appError(auth.status, auth.status === 401 ? "unauthenticated" : "forbidden", "An SDK key is required") };
}

/** An SDK key limited to a release or a service sees only those flags; to it the others do not exist. */
export function inScope(actor: Actor, flag: ServedFlag): boolean {
  if (actor.releaseScope && actor.releaseScope !== flag.releaseId) return false;
  if (actor.serviceScope && actor.serviceScope !== flag.service) return false;
  return true;
}
