// Markdown imports run in worker threads, so a 2 MB document (seconds of parsing) never stalls the request loop:
// health checks and flag evaluations keep their latency during an import (issue 27). The pool is bounded:
// IMPORT_WORKERS threads, a queue of IMPORT_QUEUE documents (one more answers 503 import_busy with Retry-After), and
// each document gets IMPORT_TIMEOUT_MS in its thread (longer: the thread is ended, a fresh one takes its place, and
// the import answers 422 import_too_slow). The custom server starts the pool (server.ts, which runs its TypeScript
// through tsx in development and production alike) and shares it with the bundled routes (run-import.ts).
import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { config } from "../../platform/config/config";
import { appError, type AppError } from "../../platform/http/app-error";
import { logError } from "../../platform/logging/ops-log";
import type { FromImportWorker, ToImportWorker } from "./import-worker";
import { currentImportRunner, setImportRunner, type ImportInput, type ImportOutcome } from "./run-import";

interface Job {
  id: number;
  input: ImportInput;
  answer: (outcome: ImportOutcome) => void;
}

interface Slot {
  worker: Worker | null;
  /** The thread has loaded the import code (a document's time limit starts then, not at the thread's start). */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export interface ImportPoolOptions {
  workers: number;
  queue: number;
  timeoutMs: number;
  /** Start the threads (load the import code) this long after the pool is made; null: on the first document only. */
  warmAfterMs?: number | null;
}

export interface ImportPool {
  /** Resolves with the result or the refusal (never rejects: see ImportOutcome). */
  run(input: ImportInput): Promise<ImportOutcome>;
  stop(): Promise<void>;
  readonly stats: { done: number; timedOut: number; refusedBusy: number; failed: number };
}

/** The worker's source, next to this file (server.ts runs the sources through tsx; there is no separate build of it). */
export const IMPORT_WORKER_ENTRY = path.join(__dirname, "import-worker.ts");

const bytesOf = (input: ImportInput) => ("markdown" in input ? Buffer.byteLength(input.markdown) : input.body.bytes.byteLength);
const refused = (error: AppError): ImportOutcome => ({ ok: false, error });
const importFailed = (message: string) => refused(appError(500, "import_failed", `The import could not be read: ${message}`, null));
const stopping = () => refused(appError(503, "import_busy", "The server is stopping; try again in a moment", { retryAfterSeconds: 5 }));

export function createImportPool(options: ImportPoolOptions): ImportPool {
  if (!existsSync(IMPORT_WORKER_ENTRY)) throw new Error(`the import worker's source is missing: ${IMPORT_WORKER_ENTRY}`);
  const entry = JSON.stringify(IMPORT_WORKER_ENTRY);
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({ worker: null, ready: false, job: null, timer: null }));
  const waiting: Job[] = [];
  const stats = { done: 0, timedOut: 0, refusedBusy: 0, failed: 0 };
  let nextId = 1;
  let stopped = false;

  const finish = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const next = waiting.shift();
    if (next) assign(slot, next);
  };

  const spawn = (slot: Slot): Worker => {
    // A worker thread does not inherit the parent's tsx loader: it registers tsx's require hook before loading the
    // worker's TypeScript source, as the flag worker does (lib/flags/server/start-flag-worker.ts).
    const w = new Worker(`require("tsx/cjs"); require(${entry});`, { eval: true });
    // An idle thread never keeps the process alive.
    w.unref();
    w.on("message", (m: FromImportWorker) => {
      if (slot.worker !== w) return;
      if ("ready" in m) {
        slot.ready = true;
        if (slot.job) post(slot, slot.job);
        return;
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      finish(slot);
      if (m.ok) {
        stats.done++;
        job.answer({ ok: true, json: m.json });
      } else if ("refusal" in m) {
        // The request itself was refused (bad JSON, a binary file): answered as the route would have inline.
        stats.done++;
        job.answer(refused(m.refusal));
      } else {
        stats.failed++;
        job.answer(importFailed(m.error));
      }
    });
    w.on("error", (e) => logError("import worker failed", { error: e.message }));
    w.on("exit", (code) => {
      if (slot.worker !== w) return;
      slot.worker = null;
      slot.ready = false;
      const job = slot.job;
      if (job) {
        stats.failed++;
        finish(slot);
        job.answer(importFailed(`the import thread stopped (exit code ${code})`));
      }
    });
    return w;
  };

  const assign = (slot: Slot, job: Job) => {
    slot.job = job;
    if (!slot.worker) {
      slot.ready = false;
      slot.worker = spawn(slot);
    }
    if (slot.ready) post(slot, job);
  };

  const post = (slot: Slot, job: Job) => {
    const worker = slot.worker!;
    slot.timer = setTimeout(() => {
      stats.timedOut++;
      // A parse cannot be interrupted from outside: the thread is ended, and the next document gets a fresh one.
      slot.worker = null;
      slot.ready = false;
      void worker.terminate();
      finish(slot);
      job.answer(
        refused(
          appError(
            422,
            "import_too_slow",
            `Reading this document took longer than the import time limit (${options.timeoutMs / 1000} s, IMPORT_TIMEOUT_MS) and was stopped; split it into smaller documents or remove repeated sections`,
            { timeoutMs: options.timeoutMs, bytes: bytesOf(job.input) },
          ),
        ),
      );
    }, options.timeoutMs);
    // Copied, not transferred: a request body's bytes may be a view of a buffer Node shares between small reads.
    worker.postMessage({ id: job.id, input: job.input } satisfies ToImportWorker);
  };

  // Warm: the threads load the import code before the first document arrives, a few seconds after the pool is made
  // so that loading (seconds of CPU under tsx on a busy machine) does not compete with the server's own start.
  const warm =
    options.warmAfterMs == null
      ? null
      : setTimeout(() => {
          for (const slot of slots) if (!slot.worker && !stopped) slot.worker = spawn(slot);
        }, options.warmAfterMs);
  warm?.unref();

  return {
    stats,
    run(input) {
      if (stopped) return Promise.resolve(stopping());
      return new Promise<ImportOutcome>((answer) => {
        const job: Job = { id: nextId++, input, answer };
        const free = slots.find((s) => s.job === null);
        if (free) return assign(free, job);
        if (waiting.length >= options.queue) {
          stats.refusedBusy++;
          const retryAfterSeconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
          return answer(
            refused(
              appError(503, "import_busy", `${options.workers + options.queue} imports are already running or waiting; try again in ${retryAfterSeconds} s`, {
                running: options.workers,
                waiting: waiting.length,
                retryAfterSeconds,
              }),
            ),
          );
        }
        waiting.push(job);
      });
    },
    async stop() {
      stopped = true;
      if (warm) clearTimeout(warm);
      for (const job of waiting.splice(0)) job.answer(stopping());
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}

/** How long after the server's start the import threads load their code. */
const WARM_AFTER_MS = 10_000;

/** Started by the custom server (server.ts); the routes find it through run-import.ts. */
export function startImportPool(): () => Promise<void> {
  const cfg = config();
  const pool = createImportPool({ workers: cfg.IMPORT_WORKERS, queue: cfg.IMPORT_QUEUE, timeoutMs: cfg.IMPORT_TIMEOUT_MS, warmAfterMs: WARM_AFTER_MS });
  setImportRunner(pool);
  return async () => {
    if (currentImportRunner() === pool) setImportRunner(null);
    await pool.stop();
  };
}
