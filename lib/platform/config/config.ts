// Configuration, validated once from the environment. Every variable here is listed in the README.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../db/database-url";
import { allowedNetworks } from "../net/outbound-address";
import { parseRoleMap, type RoleMap } from "../../auth/core/role-map";

/** A string setting that is valid when its own parser accepts it; the parser's message is the setting's error. */
function checkedBy(parse: (spec: string) => unknown) {
  return (spec: string, ctx: z.RefinementCtx) => {
    try {
      parse(spec);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  };
}

const EnvSchema = z.object({
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  TIDEGATE_SECRET_FILE: z.string().default("data/auth-secret"),
  TIDEGATE_DEMO: z.enum(["0", "1"]).default("0"),
  METRICS_RETENTION_HOURS: z.coerce.number().positive().default(24),
  GUARDRAIL_TICK_MS: z.coerce.number().int().min(200).default(5000),
  METRICS_BROADCAST_MS: z.coerce.number().int().min(50).default(500),
  /** The flag store's backstop: changes arrive through the outbox; this poll of release versions catches anything missed. */
  FLAGS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  /** A second port answering only the flag endpoints, from a worker thread without Next.js in it; unset = none. */
  FLAGS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SOCKET_RECHECK_MS: z.coerce.number().int().min(100).max(5000).default(2000),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Host are believed; empty = none. */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((a) => a.trim()).filter(Boolean)),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DEFAULT_ROLE: z.enum(["viewer", "approver", "commander", "admin"]).default("viewer"),
  /** Scopes asked of the provider; add the one that releases the groups claim if the provider needs it. */
  OIDC_SCOPES: z.string().trim().min(1).default("openid email profile"),
  /** The claim (ID token or userinfo) holding the person's groups; a dotted name reaches into nested claims. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).max(200).default("groups"),
  /** The provider's name on the login button: "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
  /** group=role[:Sign-off role], comma-separated; set = the IdP's groups decide role and sign-off roles at every sign-in. */
  OIDC_ROLE_MAP: z
    .string()
    .default("")
    .superRefine(checkedBy(parseRoleMap)),
  /** `off`: no password sign-in (the form is hidden and the credentials endpoint refuses); needs OIDC or GitHub. */
  AUTH_PASSWORD: z.enum(["on", "off"]).default("on"),
  /** How long a sign-in lasts, counted from the sign-in (not the last request): then the person signs in again. */
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(12 * 3600),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  /** Default Prometheus base URL for plans whose source names none (issue 11). */
  PROMETHEUS_URL: z.string().url().optional(),
  /** Networks (CIDR list, or `loopback` / `private`) Prometheus calls may reach despite being private; empty = none. */
  PROMETHEUS_ALLOWED_NETWORKS: z
    .string()
    .default("")
    .superRefine(checkedBy(allowedNetworks)),
  /** How often the metric pull looks for due queries; a pull starts at most this late. */
  PROMETHEUS_PULL_TICK_MS: z.coerce.number().int().min(50).max(5000).default(250),
  // Webhooks, traffic hooks and gate checks (issue 12)
  /** Hosts outbound calls may reach even though they are loopback, link-local or private: `host` or `host:port`, comma-separated. */
  WEBHOOK_ALLOW_HOSTS: z.string().default(""),
  /**
   * How long a sender's claim on a webhook delivery lasts unless renewed (it is renewed every third of it while the
   * call runs): the longest a crashed sender holds a delivery, and the window in which a receiver may get a
   * webhook-id again after a crash between its answer and the record of it.
   */
  WEBHOOK_CLAIM_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
  /** Delays between delivery attempts (ms, comma-separated); default about three days (see the README). */
  WEBHOOK_RETRY_SCHEDULE_MS: z.string().regex(/^\d+(,\d+)*$/, "comma-separated milliseconds").optional(),
  /** Delays between traffic-hook attempts (ms); after the last one fails the release pauses itself. */
  TRAFFIC_HOOK_RETRY_SCHEDULE_MS: z.string().regex(/^\d+(,\d+)*$/, "comma-separated milliseconds").default("2000,5000,15000,30000"),
  /** The whsec_ secret that signs traffic hooks and gate checks; derived from the auth secret when unset. */
  HOOK_SIGNING_SECRET: z.string().startsWith("whsec_").optional(),
  /** How often the external gate checks of waiting releases are re-run. */
  GATE_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  // Traffic routers (issue 24)
  /** Named traffic routers, JSON (see lib/traffic/server/routers-config.ts and the README); unset = none. */
  TRAFFIC_ROUTERS: z
    .string()
    .optional()
    .superRefine((raw, ctx) => {
      if (!raw?.trim()) return;
      try {
        const v = JSON.parse(raw);
        if (typeof v !== "object" || v === null || Array.isArray(v)) ctx.addIssue({ code: "custom", message: "a JSON object of named routers" });
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `not JSON: ${(e as Error).message}` });
      }
    }),
  /** How often the leader re-reads the weights of every release's router (drift) and retries unconfirmed writes. */
  TRAFFIC_ROUTER_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  // GitHub deployment protection rules (issue 25)
  /** The secret GitHub signs `deployment_protection_rule` webhooks with (X-Hub-Signature-256); unset = the endpoint refuses all. */
  GITHUB_WEBHOOK_SECRET: z.string().min(8).optional(),
  /** GitHub's REST API base (GitHub Enterprise Server: https://HOST/api/v3). */
  GITHUB_API_URL: z.string().url().default("https://api.github.com"),
  /** The GitHub App's id and private key (PEM; `\n` escapes allowed): answers use an installation token from them. */
  GITHUB_APP_ID: z.string().regex(/^\w+$/).optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  /** A fixed token instead of the App (a fine-grained token with Deployments: write); used when set. */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /** Networks (CIDR list, or `loopback` / `private`) the GitHub API calls may reach despite being private; empty = none. */
  GITHUB_ALLOWED_NETWORKS: z
    .string()
    .default("")
    .superRefine(checkedBy(allowedNetworks)),
  /** How long a GitHub deployment may wait for a release with a stage in its environment before it is rejected. */
  GITHUB_UNMATCHED_REJECT_SECONDS: z.coerce.number().int().min(1).default(600),
  // Heavy work off the request loop (issue 27)
  /** Markdown imports parse in worker threads: how many threads read documents at once. */
  IMPORT_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
  /** How many imports may wait for a thread; one more answers 503 import_busy with Retry-After. */
  IMPORT_QUEUE: z.coerce.number().int().min(0).max(100).default(4),
  /** One document's time limit in its thread; past it the thread is ended and the import answers 422 import_too_slow. */
  IMPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** The operational log's level (lib/platform/logging/logger.ts reads it directly, so it applies from the first line). */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type Config = z.infer<typeof EnvSchema> & { authSecret: string; roleMap: RoleMap };

let cached: Config | null = null;

export function config(): Config {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const data = parsed.data;
  const oidc = !!(data.OIDC_ISSUER && data.OIDC_CLIENT_ID && data.OIDC_CLIENT_SECRET);
  if (data.AUTH_PASSWORD === "off" && !oidc && !(data.GITHUB_ID && data.GITHUB_SECRET)) {
    throw new Error("Invalid configuration:\n  AUTH_PASSWORD: off leaves no way to sign in: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or GITHUB_ID and GITHUB_SECRET)");
  }
  cached = { ...data, roleMap: parseRoleMap(data.OIDC_ROLE_MAP), authSecret: data.NEXTAUTH_SECRET ?? localSecret(data.TIDEGATE_SECRET_FILE) };
  return cached;
}

/** Without NEXTAUTH_SECRET, a random secret is made once and kept beside the data (never in the repo). */
function localSecret(file: string): string {
  const full = path.resolve(file);
  if (existsSync(full)) return readFileSync(full, "utf8").trim();
  mkdirSync(path.dirname(full), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(full, secret, { mode: 0o600 });
  return secret;
}

/**
 * Several instances on one PostgreSQL must sign and check sessions with one secret: a secret made per machine would
 * sign users out whenever the load balancer picks another instance. So with PostgreSQL it must be set.
 */
export function requireClusterSecret(cfg: Config): void {
  if (/^postgres(ql)?:\/\//.test(cfg.DATABASE_URL) && !cfg.NEXTAUTH_SECRET) {
    throw new Error(
      "NEXTAUTH_SECRET is required when DATABASE_URL is PostgreSQL: every instance must sign sessions with the same secret " +
        "(at least 16 characters, e.g. `openssl rand -base64 32`).",
    );
  }
}
