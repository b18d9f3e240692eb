#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma so the two providers' models never drift.
// `--check` exits 1 when the committed PostgreSQL schema is stale.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const TARGET = "prisma/postgres/schema.prisma";

export function postgresSchemaFrom(sqliteSchema) {
  const body = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/generated/prisma/sqlite"', 'output     = "../../lib/generated/prisma/postgres"');
  return "// GENERATED from prisma/schema.prisma by scripts/db/sync-postgres-schema.mjs: do not edit by hand.\n" + body;
}

function main() {
  const generated = postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8"));
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(TARGET, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== generated) {
      console.error(`${TARGET} is stale: run npm run db:schema`);
      process.exit(1);
    }
    return;
  }
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync(TARGET, generated);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
