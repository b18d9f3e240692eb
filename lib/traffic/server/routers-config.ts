// TRAFFIC_ROUTERS: the operator's named traffic routers (connections and credentials), validated once. Plan authors
// only name one (`"traffic": { "router": "edge" }`), never say where it is or how to reach it.
import "server-only";
import { z } from "zod";
import { GatewayApiRouterConfigSchema } from "./gateway-api";

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const proxyName = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : - only");

/** `host:port` (TCP) or `unix:/path` (the admin socket): HAProxy's `stats socket ... level admin`. */
export const RuntimeApiSchema = z
  .string()
  .trim()
  .refine((s) => /^unix:\/.+/.test(s) || /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(s), "runtimeApi is host:port or unix:/path/to/socket");

export const HaproxyRouterConfigSchema = z
  .object({
    runtimeApi: RuntimeApiSchema,
    backend: proxyName,
    stableServer: proxyName,
    canaryServer: proxyName,
    /** One runtime API exchange may take this long before the router counts as unreachable. */
    timeoutMs: z.number().int().min(50).max(30_000).optional(),
  })
  .strict();
export type HaproxyRouterConfig = z.infer<typeof HaproxyRouterConfigSchema>;

/** One named router: exactly one kind, each checked by its own adapter's schema. */
export const RouterEntrySchema = z.union([
  z.object({ haproxy: HaproxyRouterConfigSchema }).strict(),
  z.object({ gatewayApi: GatewayApiRouterConfigSchema }).strict(),
]);
export type RouterEntry = z.infer<typeof RouterEntrySchema>;

export const RoutersConfigSchema = z.record(z.string().regex(NAME, "a router name is lower-case letters, digits, _ and - (at most 40)"), RouterEntrySchema);
export type RoutersConfig = z.infer<typeof RoutersConfigSchema>;

/** Parses TRAFFIC_ROUTERS (JSON); empty or unset is no routers. Throws with the path of what is wrong. */
export function parseRoutersConfig(raw: string | undefined): RoutersConfig {
  if (!raw || raw.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`TRAFFIC_ROUTERS is not JSON: ${(e as Error).message}`);
  }
  const parsed = RoutersConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`TRAFFIC_ROUTERS: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

export function kindOf(entry: RouterEntry): "haproxy" | "gatewayApi" {
  return "haproxy" in entry ? "haproxy" : "gatewayApi";
}

/** Field names that may carry secrets: never shown on /admin. */
const SECRET_KEYS = /token|secret|password|kubeconfig|cert|key|auth/i;

/** What /admin shows of a router: its kind and its non-secret settings (a kubeconfig path is shown as "set"). */
export function describeRouter(name: string, entry: RouterEntry): { name: string; kind: string; settings: Record<string, string> } {
  const kind = kindOf(entry);
  const body = (entry as Record<string, Record<string, unknown>>)[kind];
  const settings: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    settings[k] = SECRET_KEYS.test(k) ? "(set)" : typeof v === "string" ? v : JSON.stringify(v);
  }
  return { name, kind, settings };
}
