#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma so the two providers' models never drift.
// `--check` exits 1 when the committed PostgreSQL schema is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

export function postgresSchemaFrom(sqliteSchema) {
  const body = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/generated/prisma/sqlite"', 'output     = "../../lib/generated/prisma/postgres"');
  return "// GENERATED from prisma/schema.prisma by scripts/db/sync-postgres-schema.mjs: do not edit by hand.\n" + body;
}

const generated = postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8"));
const target = "prisma/postgres/schema.prisma";
if (process.argv.includes("--check")) {
  let current = "";
  try { current = readFileSync(target, "utf8"); } catch {}
  if (current !== generated) {
    console.error(`${target} is stale: run node scripts/db/sync-postgres-schema.mjs`);
    process.exit(1);
  }
} else {
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync(target, generated);
}
