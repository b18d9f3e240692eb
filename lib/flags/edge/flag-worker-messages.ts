// What the main thread and the flag worker (flag-worker.ts) say to each other.
import type { Actor } from "../../auth/server/actor";
import type { SdkInstance } from "../server/exposure";
import type { FlagSnapshot } from "../server/flag-store";

export type ToFlagWorker =
  | { type: "snapshot"; snapshot: FlagSnapshot }
  | { type: "forget-tokens" }
  | { type: "answer"; id: number; actor: Actor | null };

export type FromFlagWorker =
  | { type: "listening" }
  | { type: "failed"; error: string }
  | { type: "lookup"; id: number; kind: "token" | "key-id"; value: string }
  | { type: "exposure"; flags: { key: string; on: number; off: number; errors: number }[]; sdks: SdkInstance[] };
