// The ingestion hot path on embedded SQLite runs its hand-written statement here instead of through Prisma's
// $executeRawUnsafe. Measured with bench/ingest.ts (CPU profile, one-sample batches): of about 2.3 ms of server CPU
// per request, Prisma's query compiler (WASM) took 0.4 ms and re-preparing the statement in better-sqlite3 took
// 0.3 ms, on every call, because neither caches a raw statement. Here each SQL text is prepared once and kept.
//
// It is a second better-sqlite3 connection to the same file (WAL mode, see apply-migrations.ts), and it takes its
// turn in the SAME queue as the Prisma client (serialize-sqlite.ts): it never runs while a Prisma transaction is
// open, so it cannot wait on this process's own write lock (better-sqlite3 would block the event loop) and the
// isolation guarantees stay what they are. Statements here are autocommitted, one at a time.
import "server-only";
import Database from "better-sqlite3";
import { runQueued, type SerialQueue } from "./serialize-sqlite";

/** Distinct SQL texts kept prepared: the ingest statement's text depends only on its row counts. */
const MAX_CACHED_STATEMENTS = 64;

export class SqliteStatements {
  private connection: Database.Database | null = null;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(
    private readonly path: string,
    private readonly queue: SerialQueue,
    private readonly timeoutMs: number,
  ) {}

  /** Runs one write statement in the shared queue; resolves to the number of rows changed. */
  run(sql: string, params: readonly unknown[]): Promise<number> {
    return runQueued(this.queue, "sqlite statement", async () => this.statement(sql).run(...params).changes);
  }

  close(): void {
    this.cache.clear();
    this.connection?.close();
    this.connection = null;
  }

  private statement(sql: string): Database.Statement {
    const hit = this.cache.get(sql);
    if (hit) {
      this.cache.delete(sql);
      this.cache.set(sql, hit); // most recently used last
      return hit;
    }
    this.connection ??= new Database(this.path, { timeout: this.timeoutMs, fileMustExist: true });
    const prepared = this.connection.prepare(sql);
    this.cache.set(sql, prepared);
    while (this.cache.size > MAX_CACHED_STATEMENTS) this.cache.delete(this.cache.keys().next().value as string);
    return prepared;
  }
}
