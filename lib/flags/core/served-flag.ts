// A flag as the front doors serve it (its state with the release it follows), the snapshot of all of them the main
// thread hands the flag worker, and an SDK instance as the exposure counts name it. Types only: the edge needs these
// shapes, never the flag store that fills them.
import type { FlagState } from "./evaluate";

export interface ServedFlag extends FlagState {
  releaseName: string;
  service: string;
  /** When the flag's share last changed, as this instance saw it. */
  changedAt: Date;
}

/** The flags as the main thread holds them, for the flag worker's copy. */
export interface FlagSnapshot {
  flags: ServedFlag[];
  etag: string;
  /** The keys whose share, status or release moved since the last snapshot (the worker tells its SSE streams). */
  changed: string[];
}

export interface SdkInstance {
  appName: string;
  instanceId: string;
  sdkVersion: string;
  protocol: "ofrep" | "unleash";
  lastSeen: number;
}

export type SdkSighting = Omit<SdkInstance, "lastSeen">;

/** How an SDK instance is told apart, in one thread, between threads and across the instances of a cluster. */
export const sdkInstanceKey = (sdk: SdkSighting) => `${sdk.protocol}:${sdk.appName}:${sdk.instanceId}`;

/** Longer names are cut: a User-Agent header can be kilobytes, and it is shown, not matched. */
export const MAX_SDK_FIELD = 200;

/** A sighting with its caller-chosen names cut to MAX_SDK_FIELD, before anything keeps it. */
export function trimSighting(s: SdkSighting): SdkSighting {
  const cut = (v: string) => (v.length > MAX_SDK_FIELD ? v.slice(0, MAX_SDK_FIELD) : v);
  return { appName: cut(s.appName), instanceId: cut(s.instanceId), sdkVersion: cut(s.sdkVersion), protocol: s.protocol };
}
