// npm run token:create -- --name <name> [--release <id>]: prints a new API token once (store it now).
import { createApiToken } from "../../lib/server/auth/api-tokens";
import { db } from "../../lib/server/db/client";
import { parseArgs } from "./args";

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const name = args.name?.[0]?.trim();
  const releaseId = args.release?.[0];
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
