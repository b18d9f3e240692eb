// The one place that creates the Prisma client: SQLite or PostgreSQL, chosen by DATABASE_URL.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient, type Prisma } from "../../generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "../../generated/prisma/postgres/client";
import { LEASE_MS } from "../cluster/leader-lease";
import { parseDatabaseUrl } from "./database-url";
import { SerialQueue, serializeSqlite } from "./serialize-sqlite";
import { SqliteStatements } from "./sqlite-statements";

/** The generated clients' members that are not models: connection, transactions, raw SQL, extensions, events. */
type ClientMember<C> = Extract<keyof C, `$${string}`>;
/** One delegate per table, e.g. `release`, `alert`. */
type ModelName = Exclude<keyof SqliteClient, ClientMember<SqliteClient>>;

/**
 * What code may use of a client in a transaction, on either database: the models and raw SQL. Not the connection,
 * extensions or events, and no isolation level (SQLite has only Serializable, PostgreSQL four).
 */
export interface Tx extends Pick<SqliteClient, ModelName | "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe"> {}

/** The client code is written against: a SQLite or a PostgreSQL client, seen through what both offer alike. */
export interface Db extends Tx {
  // Methods (not properties), so each client's own transaction-client type is accepted where Tx is declared.
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
  $transaction<P extends Prisma.PrismaPromise<unknown>[]>(queries: [...P]): Promise<{ [K in keyof P]: Awaited<P[K]> }>;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

/** True when A and B are the same set. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Does not compile when the two schemas' tables differ. */
const SAME_MODELS: SameSet<ModelName, Exclude<keyof PostgresClient, ClientMember<PostgresClient>>> = true;

/**
 * The PostgreSQL client seen as Db. The models' delegates are declared by two generated modules whose conditional
 * result types TypeScript cannot compare, though the PostgreSQL schema is generated from the SQLite one
 * (scripts/db/sync-postgres-schema.mjs, checked by tests/architecture.test.ts) and SAME_MODELS above proves the
 * same tables: that is what this one assertion rests on. The rest of Db is checked on the PostgreSQL client itself.
 */
function postgresAsDb(client: PostgresClient): Db {
  const checked: Pick<Db, "$connect" | "$disconnect"> & { $transaction<R>(fn: (tx: Omit<PostgresClient, ClientMember<PostgresClient>>) => Promise<R>): Promise<R> } = client;
  void SAME_MODELS;
  return checked as unknown as Db;
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** Connections one instance keeps to PostgreSQL. */
export const POSTGRES_POOL_SIZE = 10;
/**
 * Every transaction's wait for a connection and its run time, unless the caller sets its own. Prisma's defaults (2 s
 * and 5 s) fail a command that arrives while the pool is busy: right after an instance wakes from a freeze, its jobs,
 * timers and the requests queued meanwhile all start at once, and a create answered "Unable to start a transaction in
 * the given time". Commands already waited this long (mutate-release.ts); now every transaction does.
 */
const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 };
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
    const client = serializeSqlite(new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }), transactionOptions: TRANSACTION_OPTIONS }), queue);
    // An in-memory database is private to its connection: a second connection would see another database.
    if (target.path !== ":memory:" && target.path !== "") statementsOf.set(client, new SqliteStatements(target.path, queue, SQLITE_BUSY_TIMEOUT_MS));
    return client;
  }
  // A transaction left idle (its process frozen by SIGSTOP or a long pause) is ended by PostgreSQL after this long.
  // Without it, a frozen leader caught inside a fenced write would hold the ClusterLease row FOR SHARE forever and
  // the next leader's takeover, which must wait for that write, would never happen (leader-lease.ts).
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url, max: POSTGRES_POOL_SIZE, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  return postgresAsDb(client);
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
