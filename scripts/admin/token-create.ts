// npm run token:create -- --name <name> [--scopes ingest,read|pipeline|sdk|...] [--release <id> | --service <name>]
// [--expires-in-days <n> | --expires-at <ISO time>]
// (or --kind sdk, the older spelling of --scopes sdk): prints a new API token or SDK key once (store it now).
import { parseArgs } from "node:util";
import { resolveTokenScopes, TOKEN_SCOPES, type TokenScope } from "../../lib/auth/core/token-scopes";
import { createApiToken } from "../../lib/auth/server/api-tokens";
import { db } from "../../lib/platform/db/client";

async function main() {
  const { values: args } = parseArgs({
    options: { name: { type: "string" }, release: { type: "string" }, kind: { type: "string" }, service: { type: "string" }, scopes: { type: "string" }, "expires-in-days": { type: "string" }, "expires-at": { type: "string" } },
  });
  const name = args.name?.trim();
  const releaseId = args.release;
  const kind = args.kind;
  const service = args.service?.trim();
  if (!name) throw new Error("--name is required");
  if (kind !== undefined && kind !== "api" && kind !== "sdk") throw new Error('--kind is "api" or "sdk"');
  const asked = args.scopes?.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = asked?.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (unknown?.length) throw new Error(`unknown scope ${unknown.join(", ")} (scopes: ${TOKEN_SCOPES.join(", ")})`);
  const resolved = resolveTokenScopes({ kind, scopes: asked as TokenScope[] | undefined });
  if (!resolved.ok) throw new Error(resolved.message);
  if (service && releaseId) throw new Error("scope to a release or to a service, not both");
  if (releaseId && !(await db().release.findUnique({ where: { id: releaseId } }))) throw new Error(`release "${releaseId}" does not exist`);
  const days = args["expires-in-days"];
  if (days !== undefined && !(Number(days) > 0)) throw new Error("--expires-in-days is a positive number");
  const expiresAt = days !== undefined ? new Date(Date.now() + Number(days) * 86400_000) : args["expires-at"] ? new Date(args["expires-at"]) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) throw new Error("--expires-at is an ISO 8601 time in the future");
  const token = await createApiToken({ name, releaseId, scopes: resolved.scopes, service, expiresAt, createdBy: "cli" });
  console.log(token.token);
  const where = releaseId ? `release ${releaseId}` : service ? `service ${service}` : "all releases";
  console.error(`${token.kind === "sdk" ? "SDK key" : "API token"} "${name}" (${resolved.scopes.join(", ")}; ${where}${expiresAt ? `; expires ${expiresAt.toISOString()}` : ""}) created; it is shown only this once.`);
}

main().catch((e) => {
  console.error(`Cannot create token: ${(e as Error).message}`);
  process.exit(1);
});
