// Configuration, validated once from the environment. Every variable here is listed in the README.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/database-url";

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
  /** How often each instance checks release versions for flag changes (the bound on "follows within a second"). */
  FLAGS_POLL_MS: z.coerce.number().int().min(50).max(5000).default(250),
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
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  /** The operational log's level (lib/server/logging/logger.ts reads it directly, so it applies from the first line). */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type Config = z.infer<typeof EnvSchema> & { authSecret: string };

let cached: Config | null = null;

export function config(): Config {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  cached = { ...parsed.data, authSecret: parsed.data.NEXTAUTH_SECRET ?? localSecret(parsed.data.TIDEGATE_SECRET_FILE) };
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
