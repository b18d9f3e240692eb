// A Gateway API HTTPRoute as a traffic router: the wave's share is the weight of two backendRefs in one rule, written
// with the resourceVersion it was read at, and counted as served only once the route's controller reports Accepted
// and ResolvedRefs for the route's current generation.
import "server-only";
import type { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import { RouterError, type RouterReadBack, type RouterWeights, type TrafficRouter } from "../../core/router";
import { confirmationOf, type HttpRouteLike, locateBackends, MAX_BACKEND_WEIGHT, type RouteTarget, shareOf, weightsOf, weightsPatch } from "./route-weights";

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a Kubernetes namespace is a DNS label (lower-case letters, digits, dashes)");
const objectName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes object name is lower-case letters, digits, '-' and '.'");

export const GatewayApiRouterConfigSchema = z
  .object({
    /** Path of a kubeconfig file; absent: the pod's service account (in-cluster). */
    kubeconfig: z.string().min(1).optional(),
    namespace: dnsLabel,
    /** The HTTPRoute's name. */
    route: objectName,
    /** Index of the rule in spec.rules whose backendRefs carry the split. */
    rule: z.number().int().min(0).max(15).default(0),
    /** backendRefs[].name of the stable and canary Services in that rule. */
    stableBackend: objectName,
    canaryBackend: objectName,
  })
  .strict();

export type GatewayApiRouterConfig = z.input<typeof GatewayApiRouterConfigSchema>;

const GROUP = "gateway.networking.k8s.io";
const VERSION = "v1";
const PLURAL = "httproutes";
/** Attempts of read-modify-write when someone else wrote the route in between (409 Conflict). */
export const MAX_WRITE_ATTEMPTS = 5;
/** How long one API call may take before the router counts the API server as unreachable. */
const CALL_TIMEOUT_MS = 5_000;

interface ApiFailure {
  code?: number;
  body?: unknown;
  message?: string;
  cause?: unknown;
}

function statusMessage(e: ApiFailure): string {
  const body = typeof e.body === "string" ? safeJson(e.body) : e.body;
  const message = body && typeof body === "object" && "message" in body ? String((body as { message: unknown }).message) : undefined;
  return message ?? e.message ?? String(e);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The API server's answer as the board shows it: unreachable, refused (auth), conflict, invalid (route or backends). */
function routerErrorOf(e: unknown, where: string): RouterError {
  if (e instanceof RouterError) return e;
  const failure = e as ApiFailure;
  const code = typeof failure?.code === "number" && failure.code >= 100 ? failure.code : undefined;
  if (code === undefined) {
    const cause = failure?.cause instanceof Error ? `: ${failure.cause.message}` : "";
    return new RouterError(`Kubernetes API unreachable for ${where}: ${failure?.message ?? String(e)}${cause}`, "unreachable");
  }
  const message = statusMessage(failure);
  if (code === 401) return new RouterError(`Kubernetes API refused the credentials for ${where} (401 Unauthorized): ${message}`, "refused");
  if (code === 403) return new RouterError(`Kubernetes API forbids ${where} (403): ${message}. The service account needs get and patch on httproutes`, "refused");
  if (code === 404) return new RouterError(`${where} not found (404): ${message}`, "invalid");
  if (code === 409) return new RouterError(`${where} kept changing under the write (409 Conflict): ${message}`, "conflict");
  if (code === 422 || code === 400) return new RouterError(`Kubernetes API rejected the write to ${where} (${code}): ${message}`, "invalid");
  return new RouterError(`Kubernetes API answered ${code} for ${where}: ${message}`, code >= 500 ? "unreachable" : "refused");
}

function withTimeout<T>(promise: Promise<T>, where: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RouterError(`Kubernetes API did not answer within ${CALL_TIMEOUT_MS / 1000} s for ${where}`, "unreachable")), CALL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A JSON Patch `test` that failed: the backendRefs moved between the read and the write, so read again. */
const isFailedTest = (e: unknown) => (e as ApiFailure)?.code === 422 && /testing value .* failed/i.test(statusMessage(e as ApiFailure));

export function createGatewayApiRouter(input: GatewayApiRouterConfig, options: { kubeConfig?: KubeConfig } = {}): TrafficRouter {
  const config = GatewayApiRouterConfigSchema.parse(input);
  if (config.stableBackend === config.canaryBackend) throw new RouterError(`stableBackend and canaryBackend both name "${config.stableBackend}"`, "invalid");
  // The client is loaded on first use: importing @kubernetes/client-node takes about 3 s of CPU, which every server
  // start (and every instance without a Gateway API router in use) would otherwise pay.
  let client: Promise<CustomObjectsApi> | null = null;
  const apiClient = (): Promise<CustomObjectsApi> =>
    (client ??= (async () => {
      const k8s = await import("@kubernetes/client-node");
      const kc = options.kubeConfig ?? new k8s.KubeConfig();
      if (!options.kubeConfig) {
        if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
        else kc.loadFromCluster();
      }
      return kc.makeApiClient(k8s.CustomObjectsApi);
    })().catch((e: unknown) => {
      client = null;
      throw new RouterError(`cannot read the Kubernetes client configuration for ${config.namespace}/${config.route}: ${(e as Error).message}`, "invalid");
    }));
  const target: RouteTarget = config;
  const where = `HTTPRoute ${config.namespace}/${config.route}`;
  const ref = { group: GROUP, version: VERSION, namespace: config.namespace, plural: PLURAL, name: config.route };

  async function read(): Promise<HttpRouteLike> {
    try {
      const api = await apiClient();
      return (await withTimeout(api.getNamespacedCustomObject(ref), where)) as HttpRouteLike;
    } catch (e) {
      throw routerErrorOf(e, where);
    }
  }

  function located(route: HttpRouteLike) {
    const at = locateBackends(route, target);
    if (!at.ok) throw new RouterError(at.message, "invalid");
    return at;
  }

  return {
    kind: "gatewayApi",
    maxWeight: MAX_BACKEND_WEIGHT,

    async setWeights(weights: RouterWeights): Promise<void> {
      for (const [side, w] of Object.entries(weights)) {
        if (!Number.isInteger(w) || w < 0 || w > MAX_BACKEND_WEIGHT) throw new RouterError(`${side} weight ${w} is not an integer in 0..${MAX_BACKEND_WEIGHT}`, "invalid");
      }
      let last: unknown;
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        const route = await read();
        const at = located(route);
        const current = weightsOf(route, target, at);
        // Already there (a retried rollback, a re-applied wave): no write, no new generation for the controller.
        if (current.stable === weights.stable && current.canary === weights.canary) return;
        try {
          const api = await apiClient();
          await withTimeout(api.patchNamespacedCustomObject({ ...ref, body: weightsPatch(route, target, at, weights), fieldManager: "tidegate" }), where);
          return;
        } catch (e) {
          last = e;
          if ((e as ApiFailure)?.code === 409 || isFailedTest(e)) continue;
          throw routerErrorOf(e, where);
        }
      }
      throw new RouterError(`${where} changed under each of ${MAX_WRITE_ATTEMPTS} writes (409 Conflict): ${statusMessage(last as ApiFailure)}`, "conflict");
    },

    async readWeights(): Promise<RouterReadBack> {
      const route = await read();
      const weights = weightsOf(route, target, located(route));
      const { confirmed, detail } = confirmationOf(route);
      return { weights, canaryPercent: shareOf(weights), confirmed, ...(detail ? { detail } : {}) };
    },

    // A route has no counters: the observed split comes from the mesh's metrics, not the API server.
    async observedSplit() {
      return null;
    },

    async close() {},
  };
}
