// Real isolation on embedded SQLite: every use of the one better-sqlite3 connection takes its turn in one queue.
// A transaction holds the queue from BEGIN to COMMIT, so no other query can see its rows before it commits and
// no outside write can join it (and be erased by its rollback). SQLite has a single writer anyway, so the queue
// costs readers only the few milliseconds a write transaction lasts.
// Hand-written because no library wraps a Prisma client this way; Prisma's $extends cannot hold a lock across
// an interactive transaction.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const insideTransaction = new AsyncLocalStorage<true>();

/** Runs tasks one after another, in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const QUEUED_CLIENT_METHODS = new Set(["$transaction", "$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"]);

function refuseNested(what: string): never {
  // Waiting for the queue from inside a transaction that holds it would deadlock; before this wrapper such a
  // call silently joined the transaction. Either way it is a bug: use the transaction client.
  throw new Error(`${what} was called on the shared client inside a transaction; use the transaction client (tx) instead`);
}

/** Runs work in the queue's turn; refused inside a transaction, which holds the queue (waiting would deadlock). */
export function runQueued<T>(queue: SerialQueue, what: string, work: () => Promise<T>): Promise<T> {
  if (insideTransaction.getStore()) refuseNested(what);
  return queue.run(work);
}

/** `queue` is shared with anything else that uses the same database file in this process (sqlite-statements.ts). */
export function serializeSqlite<C extends object>(client: C, queue = new SerialQueue()): C {
  const delegates = new Map<PropertyKey, unknown>();

  const queued = <T>(what: string, work: () => Promise<T>): Promise<T> => runQueued(queue, what, work);

  const wrapDelegate = (name: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, method, receiver) {
        const value = Reflect.get(target, method, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) =>
          queued(`${name}.${String(method)}`, async () => await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });

  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property === "string" && QUEUED_CLIENT_METHODS.has(property) && typeof value === "function") {
        if (property === "$transaction") {
          return (work: unknown, options?: unknown) => {
            if (typeof work !== "function") throw new Error("Use an interactive $transaction(async (tx) => ...) on SQLite; the batch form is not serialized");
            return queued("$transaction", () =>
              insideTransaction.run(true, () => (value as (w: unknown, o?: unknown) => Promise<unknown>).call(target, work, options)),
            );
          };
        }
        return (...args: unknown[]) => queued(property, async () => await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      // Model delegates (db.release, db.alert, ...) are lower-case properties that are objects.
      if (typeof property === "string" && !property.startsWith("$") && !property.startsWith("_") && value && typeof value === "object") {
        let wrapped = delegates.get(property);
        if (!wrapped) delegates.set(property, (wrapped = wrapDelegate(property, value)));
        return wrapped;
      }
      return value;
    },
  });
}
