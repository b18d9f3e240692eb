// What the main thread and the flag worker (flag-worker.ts) say to each other. Extend additively: a worker and
// its keeper are always the same build, but the shapes are the contract between two module graphs.
import type { Actor } from "../../auth/server/actor";
import type { FlagSnapshot, SdkInstance } from "../core/served-flag";

export type ToFlagWorker =
  | { type: "snapshot"; snapshot: FlagSnapshot }
  | { type: "forget-tokens" }
  | { type: "answer"; id: number; actor: Actor | null };

export type FromFlagWorker =
  | { type: "listening" }
  | { type: "failed"; error: string }
  | { type: "lookup"; id: number; kind: "token" | "key-id"; value: string }
  | { type: "exposure"; flags: { key: string; on: number; off: number; errors: number }[]; sdks: SdkInstance[]; dropped?: number };

/** What the keeper hands the worker at start (workerData). */
export interface FlagWorkerData {
  listenPort: number;
  host: string;
  /** Signs OFREP event-stream tickets, as the main thread does: a ticket from either port works on both. */
  ticketSecret: string;
  /** TRUSTED_PROXIES, for the caller's address. */
  trustedProxies: string[];
}
