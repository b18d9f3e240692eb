// Prepares a database for tests: migrations, one user per role (tests/support/test-users.ts), and with --demo the
// demo release. Prints JSON ({ demoReleaseId }) on the last line. Run as a separate process so test runners
// that cannot load the ESM Prisma client (Playwright's loader) never import it.
import { prepareDatabase } from "../../tests/support/global-setup";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required");
  await prepareDatabase(url);
  let demoReleaseId: string | null = null;
  if (process.argv.includes("--demo")) {
    const { seedDemo } = await import("../demo/seed");
    demoReleaseId = (await seedDemo()).releaseId;
  }
  console.log(JSON.stringify({ demoReleaseId }));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
