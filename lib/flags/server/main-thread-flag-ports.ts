// The flag front door's ports in the main thread: the flag store, the token store (with its cache) and this
// thread's exposure counts. The flag worker plugs in message-fed copies instead (lib/flags/edge/flag-worker.ts).
import "server-only";
import { activeSdkKeyActor, actorForToken, cachedActorForToken } from "../../auth/server/api-tokens";
import { wasCachedHash } from "../../auth/server/token-cache";
import { clientAddress } from "../../platform/edge/request-guard";
import type { FlagEdgePorts } from "../edge/ports";
import { recordEvaluations, sdkSeen } from "./exposure";
import { allFlags, flagsEtag, getFlag, onFlagsChanged } from "./flag-store";

export function mainThreadFlagPorts(options: { ticketSecret: string; trustedProxies: readonly string[] }): FlagEdgePorts {
  return {
    flags: { get: getFlag, all: allFlags, etag: flagsEtag, onChange: onFlagsChanged },
    keys: { cached: cachedActorForToken, known: wasCachedHash, lookUp: (key) => actorForToken(key), sdkKeyById: activeSdkKeyActor },
    exposure: { evaluations: recordEvaluations, sdkSeen },
    ticketSecret: options.ticketSecret,
    clientAddress: (req) => clientAddress(req, options.trustedProxies),
  };
}
