// npm run user:create -- --email a@b.c --password ... --role viewer|approver|commander|admin [--signoff-role "Product Manager"]
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "../../lib/platform/db/client";
import { createUser } from "../../lib/auth/server/create-user";

async function main() {
  const { values: args } = parseArgs({
    options: {
      email: { type: "string", default: "" },
      password: { type: "string", default: "" },
      role: { type: "string", default: "" },
      name: { type: "string" },
      "signoff-role": { type: "string", multiple: true, default: [] },
    },
  });
  const client = createDb();
  try {
    const user = await createUser(client, {
      email: args.email,
      password: args.password,
      role: args.role as "viewer",
      name: args.name,
      signoffRoles: args["signoff-role"],
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
