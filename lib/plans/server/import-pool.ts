// Markdown imports run in worker threads, so a 2 MB document (seconds of parsing) never stalls the request loop:
// health checks and flag evaluations keep their latency during an import. The pool is bounded: IMPORT_WORKERS
// threads, a queue of IMPORT_QUEUE documents (more: 503 import_busy with Retry-After), and each document gets
// IMPORT_TIME_LIMIT_MS (longer: its thread is ended and the import answers 422 import_too_slow). The custom server
// starts the pool (it knows the source path for tsx) and shares it through globalThis with the bundled route; without
// it (a script, a unit test) the import runs inline.
import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { importMarkdownPlan } from "../import/import-plan";
import type { ImportResult } from "../import/types";
import { config } from "../../platform/config/config";
import { appError, HttpError } from "../../platform/http/app-error";
import { logError } from "../../platform/logging/ops-log";
import type { FromImportWorker, ToImportWorker } from "./import-worker";

interface Job {
  id: number;
  markdown: string;
  resolve: (r: ImportResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  /** The thread has loaded the import code (a document's time limit starts then, not at the thread's start). */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export interface ImportPool {
  run(markdown: string): Promise<ImportResult>;
  stop(): Promise<void>;
  readonly stats: { done: number; timedOut: number; refusedBusy: number };
}

/** How long after the pool is made its threads start loading the import code (see "Warm" below). */
const WARM_AFTER_MS = 10_000;

const holder = globalThis as unknown as { __tidegateImportPool?: ImportPool };

export function createImportPool(options: { workers: number; queue: number; timeLimitMs: number }): ImportPool {
  const entry = JSON.stringify(path.join(__dirname, "import-worker.ts"));
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({ worker: null, ready: false, job: null, timer: null }));
  const waiting: Job[] = [];
  const stats = { done: 0, timedOut: 0, refusedBusy: 0 };
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
    // server.ts runs its TypeScript through tsx; a worker thread does not inherit the loader (as the flag worker).
    const w = new Worker(`require("tsx/cjs"); require(${entry});`, { eval: true });
    w.unref();
    w.on("message", (m: FromImportWorker) => {
      if ("ready" in m) {
        if (slot.worker !== w) return;
        slot.ready = true;
        if (slot.job) post(slot, slot.job);
        return;
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      stats.done++;
      finish(slot);
      if (m.ok) job.resolve(m.result);
      else job.reject(new Error(m.error));
    });
    w.on("error", (e) => logError("import worker failed", { error: e.message }));
    w.on("exit", () => {
      if (slot.worker !== w) return;
      slot.worker = null;
      slot.ready = false;
      const job = slot.job;
      if (job) {
        finish(slot);
        job.reject(new Error("the import worker stopped"));
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
      // A parse cannot be interrupted from outside: the thread is ended, and the next document gets a new one.
      slot.worker = null;
      slot.ready = false;
      void worker.terminate();
      finish(slot);
      job.reject(
        new HttpError(
          appError(422, "import_too_slow", `Reading this document took longer than ${options.timeLimitMs / 1000} s; split it into smaller documents or remove repeated sections`, {
            timeLimitMs: options.timeLimitMs,
            bytes: Buffer.byteLength(job.markdown),
          }),
        ),
      );
    }, options.timeLimitMs);
    worker.postMessage({ id: job.id, markdown: job.markdown } satisfies ToImportWorker);
  };

  // Warm: the threads load the import code before the first document arrives, but a few seconds after the pool is
  // made, so the thread's loading (seconds of CPU under tsx) does not compete with the server's own start.
  const warm = setTimeout(() => {
    for (const slot of slots) if (!slot.worker && !stopped) slot.worker = spawn(slot);
  }, WARM_AFTER_MS);
  warm.unref();

  return {
    stats,
    run(markdown) {
      if (stopped) return Promise.resolve(importMarkdownPlan(markdown));
      return new Promise<ImportResult>((resolve, reject) => {
        const job: Job = { id: nextId++, markdown, resolve, reject };
        const free = slots.find((s) => s.job === null);
        if (free) return assign(free, job);
        if (waiting.length >= options.queue) {
          stats.refusedBusy++;
          const retryAfterSeconds = Math.max(1, Math.ceil(options.timeLimitMs / 1000));
          return reject(
            new HttpError(appError(503, "import_busy", `${options.workers + options.queue} imports are already running or waiting; try again in ${retryAfterSeconds} s`, { retryAfterSeconds })),
          );
        }
        waiting.push(job);
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(warm);
      for (const job of waiting.splice(0)) job.reject(new Error("the server is stopping"));
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}

/** Started by the custom server (server.ts); the route finds it through globalThis. */
export function startImportPool(): () => Promise<void> {
  const cfg = config();
  const pool = createImportPool({ workers: cfg.IMPORT_WORKERS, queue: cfg.IMPORT_QUEUE, timeLimitMs: cfg.IMPORT_TIME_LIMIT_MS });
  holder.__tidegateImportPool = pool;
  return async () => {
    if (holder.__tidegateImportPool === pool) delete holder.__tidegateImportPool;
    await pool.stop();
  };
}

/** Reads a Markdown document into a draft plan: in the pool when the server started one, inline otherwise. */
export function importInPool(markdown: string): Promise<ImportResult> {
  const pool = holder.__tidegateImportPool;
  return pool ? pool.run(markdown) : Promise.resolve(importMarkdownPlan(markdown));
}
