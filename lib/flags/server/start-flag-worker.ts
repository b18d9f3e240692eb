// Starts the flag worker (lib/flags/edge/flag-worker.ts) on FLAGS_PORT and keeps it fed: a copy of the flag store on every change,
// answers to its SDK key lookups, its evaluation counts merged into this thread's (which the board and /api/metrics
// read), and every drop of the token cache (a revoke) passed on. A worker that dies is started again.
import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { activeSdkKeyActor, actorForToken, onTokensForgotten } from "../../auth/server/api-tokens";
import { config } from "../../platform/config/config";
import { logError } from "../../platform/logging/ops-log";
import type { FlagWorkerData, FromFlagWorker, ToFlagWorker } from "../edge/flag-worker-messages";
import { recordEvaluations, sdkSeen, sdkSightingsDropped } from "./exposure";
import { flagSnapshot, onFlagsChanged } from "./flag-store";

const RESTART_MS = 1000;

/** `onWorker` sees each worker thread as it starts (the first and every restart): for logs and for tests. */
export function startFlagWorker(listenPort: number, host: string, onWorker?: (worker: Worker) => void): Promise<() => Promise<void>> {
  const cfg = config();
  const workerData: FlagWorkerData = { listenPort, host, ticketSecret: cfg.authSecret, trustedProxies: [...cfg.TRUSTED_PROXIES] };
  let worker: Worker | null = null;
  let stopping = false;
  const post = (message: ToFlagWorker) => worker?.postMessage(message);
  const unsubscribeFlags = onFlagsChanged((keys) => post({ type: "snapshot", snapshot: flagSnapshot(keys) }));
  const unsubscribeTokens = onTokensForgotten(() => post({ type: "forget-tokens" }));
  const stop = async () => {
    stopping = true;
    unsubscribeFlags();
    unsubscribeTokens();
    await worker?.terminate();
  };

  return new Promise((resolve, reject) => {
    let started = false;
    const start = () => {
      // server.ts runs its TypeScript source through tsx; a worker thread does not inherit the loader, so it
      // registers tsx's require hook before loading the worker's source.
      const entry = JSON.stringify(path.join(__dirname, "..", "edge", "flag-worker.ts"));
      const w = new Worker(`require("tsx/cjs"); require(${entry});`, { eval: true, workerData });
      worker = w;
      onWorker?.(w);
      w.postMessage({ type: "snapshot", snapshot: flagSnapshot([]) } satisfies ToFlagWorker);
      w.on("message", (message: FromFlagWorker) => {
        if (message.type === "listening") {
          if (!started) {
            started = true;
            resolve(stop);
          }
        } else if (message.type === "failed") {
          if (!started) reject(new Error(`the flag port ${listenPort} could not be opened: ${message.error}`));
          else logError("flag worker failed", { error: message.error });
        } else if (message.type === "lookup") {
          const lookup = message.kind === "token" ? actorForToken(message.value) : activeSdkKeyActor(message.value);
          lookup
            .catch((e) => {
              logError("flag worker lookup failed", { error: (e as Error).message });
              return null;
            })
            .then((actor) => w.postMessage({ type: "answer", id: message.id, actor } satisfies ToFlagWorker));
        } else if (message.type === "exposure") {
          const now = Date.now();
          for (const f of message.flags) recordEvaluations(f.key, f.on, f.off, f.errors, now);
          for (const { lastSeen, ...sdk } of message.sdks) sdkSeen(sdk, lastSeen);
          sdkSightingsDropped(message.dropped ?? 0);
        }
      });
      w.on("error", (e) => logError("flag worker crashed", { error: e.message }));
      w.on("exit", (code) => {
        if (worker === w) worker = null;
        if (stopping) return;
        if (!started) return reject(new Error(`the flag worker exited (${code}) before it listened`));
        logError("flag worker exited; starting it again", { code });
        setTimeout(start, RESTART_MS).unref();
      });
    };
    start();
  });
}
