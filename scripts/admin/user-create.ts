// npm run user:create -- --email a@b.c --password ... --role viewer|approver|commander|admin [--signoff-role "Product Manager"]
import { z } from "zod";
import { createDb } from "../../lib/server/db/client";
import { createUser } from "../../lib/server/users/create-user";
import { parseArgs } from "./args";

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const client = createDb();
  try {
    const user = await createUser(client, {
      email: args.email?.[0] ?? "",
      password: args.password?.[0] ?? "",
      role: (args.role?.[0] ?? "") as "viewer",
      name: args.name?.[0],
      signoffRoles: args["signoff-role"] ?? [],
    });
    console.log(`User ${user.email} (${user.role}${user.signoffRoles.length ? `; signs off as ${user.signoffRoles.join(", ")}` : ""}) saved`);
  } finally {
    await client.$disconnect();
  }
}

main().catch((e) => {
  if (e instanceof z.ZodError) {
    console.error("Cannot create user:\n" + e.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`).join("\n"));
  } else console.error(`Cannot create user: ${(e as Error).message}`);
  process.exit(1);
});
