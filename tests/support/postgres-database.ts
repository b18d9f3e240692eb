// A database of its own on the test worker's PostgreSQL cluster, for tests that start instances on it or must not
// share rows with other files: dropped (connections forced off) and created empty, under a name the caller owns.
import pg from "pg";
import { prepareDatabase } from "./global-setup";
import { workerTargets } from "./targets";

/** The URL of database `name` on this worker's PostgreSQL, without creating it. */
export function postgresDatabaseUrl(name: string): string {
  const base = workerTargets().find((t) => t.name === "postgres")!.databaseUrl;
  return base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
}

/** Drops `name` if it exists and creates it empty; returns its URL (the caller migrates or prepares it). */
export async function emptyPostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: workerTargets().find((t) => t.name === "postgres")!.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return postgresDatabaseUrl(name);
}

/** `emptyPostgresDatabase`, migrated and seeded with the test users as the shared test databases are. */
export async function freshPostgresDatabase(name: string): Promise<string> {
  const url = await emptyPostgresDatabase(name);
  await prepareDatabase(url);
  return url;
}
