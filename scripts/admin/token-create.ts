// npm run token:create -- --name <name> [--release <id>]: prints a new API token once (store it now).
import { parseArgs } from "node:util";
import { createApiToken } from "../../lib/server/auth/api-tokens";
import { db } from "../../lib/server/db/client";

async function main() {
  const { values: args } = parseArgs({ options: { name: { type: "string" }, release: { type: "string" } } });
  const name = args.name?.trim();
  const releaseId = args.release;
  if (!name) throw new Error("--name is required");
  if (releaseId && !(await db().release.findUnique({ where: { id: releaseId } }))) throw new Error(`release "${releaseId}" does not exist`);
  const token = await createApiToken({ name, releaseId, createdBy: "cli" });
  console.log(token.token);
  console.error(`API token "${name}" (${releaseId ? `release ${releaseId}` : "all releases"}) created; it is shown only this once.`);
}

main().catch((e) => {
  console.error(`Cannot create token: ${(e as Error).message}`);
  process.exit(1);
});
