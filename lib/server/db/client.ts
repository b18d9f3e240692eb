// The one place that creates the Prisma client: SQLite or PostgreSQL, chosen by DATABASE_URL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "../../generated/prisma/postgres/client";
import { parseDatabaseUrl } from "./database-url";
import { serializeSqlite } from "./serialize-sqlite";

/** Both generated clients have the same models; code is written against one type. */
export type Db = SqliteClient;
/** The client handed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(url?: string): Db {
  const target = parseDatabaseUrl(url);
  if (target.kind === "sqlite") {
    // better-sqlite3 gives Prisma one connection: without serialization a query made outside a transaction runs
    // inside whichever transaction is open (it sees uncommitted rows, and its writes vanish on rollback).
    return serializeSqlite(new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: 10_000 }) }));
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
  return client as unknown as Db;
}

// The custom server and Next's bundled route handlers load this module separately in one process;
// keeping the client on globalThis makes them share one connection (and one SQLite writer).
const holder = globalThis as unknown as { __tidegateDb?: Db };

export function db(): Db {
  holder.__tidegateDb ??= createDb();
  return holder.__tidegateDb;
}

export function isPostgres(url?: string): boolean {
  return parseDatabaseUrl(url).kind === "postgres";
}
