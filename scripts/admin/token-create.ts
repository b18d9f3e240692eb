// npm run token:create -- --name <name> [--release <id>] [--kind sdk [--service <name>]]: prints a new API token or
// SDK key once (store it now).
import { parseArgs } from "node:util";
import { createApiToken } from "../../lib/server/auth/api-tokens";
import { db } from "../../lib/server/db/client";

async function main() {
  const { values: args } = parseArgs({
    options: { name: { type: "string" }, release: { type: "string" }, kind: { type: "string" }, service: { type: "string" } },
  });
  const name = args.name?.trim();
  const releaseId = args.release;
  const kind = args.kind ?? "api";
  const service = args.service?.trim();
  if (!name) throw new Error("--name is required");
  if (kind !== "api" && kind !== "sdk") throw new Error('--kind is "api" or "sdk"');
  if (service && kind !== "sdk") throw new Error("only SDK keys (--kind sdk) can be scoped to a service");
  if (service && releaseId) throw new Error("scope to a release or to a service, not both");
  if (releaseId && !(await db().release.findUnique({ where: { id: releaseId } }))) throw new Error(`release "${releaseId}" does not exist`);
  const token = await createApiToken({ name, releaseId, kind, service, createdBy: "cli" });
  console.log(token.token);
  const scope = releaseId ? `release ${releaseId}` : service ? `service ${service}` : "all releases";
  console.error(`${kind === "sdk" ? "SDK key" : "API token"} "${name}" (${scope}) created; it is shown only this once.`);
}

main().catch((e) => {
  console.error(`Cannot create token: ${(e as Error).message}`);
  process.exit(1);
});
