// The one place that creates the Prisma client: SQLite or PostgreSQL, chosen by DATABASE_URL.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "../../generated/prisma/postgres/client";
import { LEASE_MS } from "../cluster/leader-lease";
import { parseDatabaseUrl } from "./database-url";
import { SerialQueue, serializeSqlite } from "./serialize-sqlite";
import { SqliteStatements } from "./sqlite-statements";

/** Both generated clients have the same models; code is written against one type. */
export type Db = SqliteClient;
/** The client handed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** Twice the leader lease: takeover after a freeze stays within the 15 s the cluster promises. */
const IDLE_IN_TRANSACTION_MS = 2 * LEASE_MS;
/** The prepared-statement runner that shares a SQLite client's queue (see sqlite-statements.ts). */
const statementsOf = new WeakMap<object, SqliteStatements>();

export function createDb(url?: string): Db {
  const target = parseDatabaseUrl(url);
  if (target.kind === "sqlite") {
    // better-sqlite3 gives Prisma one connection: without serialization a query made outside a transaction runs
    // inside whichever transaction is open (it sees uncommitted rows, and its writes vanish on rollback).
    const queue = new SerialQueue();
    const client = serializeSqlite(new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }) }), queue);
    // An in-memory database is private to its connection: a second connection would see another database.
    if (target.path !== ":memory:" && target.path !== "") statementsOf.set(client, new SqliteStatements(target.path, queue, SQLITE_BUSY_TIMEOUT_MS));
    return client;
  }
  // A transaction left idle (its process frozen by SIGSTOP or a long pause) is ended by PostgreSQL after this long.
  // Without it, a frozen leader caught inside a fenced write would hold the ClusterLease row FOR SHARE forever and
  // the next leader's takeover, which must wait for that write, would never happen (leader-lease.ts).
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url, max: 10, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS }),
  });
  return client as unknown as Db;
}

// The custom server and Next's bundled route handlers load this module separately in one process;
// keeping the client on globalThis makes them share one connection (and one SQLite writer).
const holder = globalThis as unknown as { __tidegateDb?: Db };

export function db(): Db {
  holder.__tidegateDb ??= createDb();
  return holder.__tidegateDb;
}

/** Prepared, queued write statements for a SQLite client; null on PostgreSQL (whose path stays on Prisma). */
export function sqliteStatements(client: Db = db()): SqliteStatements | null {
  return statementsOf.get(client) ?? null;
}

export function isPostgres(url?: string): boolean {
  return parseDatabaseUrl(url).kind === "postgres";
}
