// npm run db:migrate: applies the committed migrations to DATABASE_URL (SQLite file or PostgreSQL).
import { applyMigrations } from "../../lib/platform/db/apply-migrations";
import { parseDatabaseUrl } from "../../lib/platform/db/database-url";

const target = parseDatabaseUrl();
applyMigrations()
  .then((r) => {
    const where = target.kind === "sqlite" ? target.path : "PostgreSQL";
    console.log(`Migrations on ${where}: ${r.applied.length} applied${r.applied.length ? ` (${r.applied.join(", ")})` : ""}, ${r.alreadyApplied.length} already there`);
  })
  .catch((e) => {
    console.error(`Migration failed: ${(e as Error).message}`);
    process.exit(1);
  });
