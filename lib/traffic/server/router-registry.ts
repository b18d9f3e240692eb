// The configured traffic routers by name, each built by its kind's factory. A plan names a router and may override
// the backend/server (HAProxy) or route/backend (Gateway API) names within it; connections stay the operator's.
import "server-only";
import type { TrafficRouter } from "../core";
import { config } from "../../platform/config/config";
import { createGatewayApiRouter, GatewayApiRouterConfigSchema } from "./gateway-api";
import { createHaproxyRouter } from "./haproxy/haproxy-router";
import { HaproxyRouterConfigSchema, describeRouter, kindOf, parseRoutersConfig, type RouterEntry, type RoutersConfig } from "./routers-config";

/** What a plan (or a track) says about its traffic: the router's name and optional name overrides. */
export interface TrafficChoice {
  router: string;
  [override: string]: unknown;
}

type Factory = (settings: Record<string, unknown>) => TrafficRouter;

/** One factory per router kind. Each parses its own settings (the operator's, with the plan's overrides on top). */
const FACTORIES: Record<string, Factory> = {
  haproxy: (settings) => createHaproxyRouter(HaproxyRouterConfigSchema.parse(settings)),
  gatewayApi: (settings) => createGatewayApiRouter(GatewayApiRouterConfigSchema.parse(settings)),
};

/** Which overrides a plan may give per kind (names inside the router, never its connection). */
const OVERRIDABLE: Record<string, readonly string[]> = {
  haproxy: ["backend", "stableServer", "canaryServer"],
  gatewayApi: ["namespace", "route", "rule", "stableBackend", "canaryBackend"],
};

let cached: { raw: string | undefined; routers: RoutersConfig } | null = null;

export function configuredRouters(): RoutersConfig {
  const raw = config().TRAFFIC_ROUTERS;
  if (!cached || cached.raw !== raw) cached = { raw, routers: parseRoutersConfig(raw) };
  return cached.routers;
}

/** For /admin: every router with its kind and settings, secrets masked. */
export function listRouters() {
  return Object.entries(configuredRouters()).map(([name, entry]) => describeRouter(name, entry));
}

/** Why a plan's traffic choice cannot be used, or null: an unknown router, an override its kind does not have. */
export function problemWithChoice(choice: TrafficChoice): { field: string; message: string } | null {
  const entry = configuredRouters()[choice.router];
  if (!entry) {
    const names = Object.keys(configuredRouters());
    return { field: "router", message: `no traffic router "${choice.router}" is configured (TRAFFIC_ROUTERS has ${names.length ? names.map((n) => `"${n}"`).join(", ") : "none"})` };
  }
  const kind = kindOf(entry);
  if (!FACTORIES[kind]) return { field: "router", message: `traffic router "${choice.router}" is a ${kind} router, which this server cannot drive yet` };
  for (const key of Object.keys(choice)) {
    if (key === "router" || choice[key] === undefined) continue;
    if (!OVERRIDABLE[kind]?.includes(key)) return { field: key, message: `a ${kind} router takes no "${key}" (it may override ${OVERRIDABLE[kind]?.join(", ")})` };
  }
  try {
    FACTORIES[kind](settingsOf(entry, choice));
  } catch (e) {
    return { field: "router", message: `traffic router "${choice.router}" with these overrides is invalid: ${(e as Error).message.slice(0, 300)}` };
  }
  return null;
}

/** Builds the router a plan's choice names (throws when it is not configured: checked at creation). */
export function routerFor(choice: TrafficChoice): TrafficRouter {
  const entry = configuredRouters()[choice.router];
  if (!entry) throw new Error(`no traffic router "${choice.router}" is configured`);
  const factory = FACTORIES[kindOf(entry)];
  if (!factory) throw new Error(`no factory for ${kindOf(entry)} routers`);
  return factory(settingsOf(entry, choice));
}

export function routerKind(name: string): string | null {
  const entry = configuredRouters()[name];
  return entry ? kindOf(entry) : null;
}

function settingsOf(entry: RouterEntry, choice: TrafficChoice): Record<string, unknown> {
  const kind = kindOf(entry);
  const base = (entry as Record<string, Record<string, unknown>>)[kind];
  const overrides = Object.fromEntries(Object.entries(choice).filter(([k, v]) => k !== "router" && v !== undefined && OVERRIDABLE[kind]?.includes(k)));
  return { ...base, ...overrides };
}
