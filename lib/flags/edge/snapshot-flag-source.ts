// The flag worker's flag source: a copy of the main thread's flag store, replaced whole by every snapshot message.
import { EventEmitter } from "node:events";
import type { FlagSnapshot, ServedFlag } from "../core/served-flag";
import type { FlagSource } from "./ports";

export class SnapshotFlagSource implements FlagSource {
  private flags = new Map<string, ServedFlag>();
  private currentEtag = '"0"';
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per open SSE stream.
    this.events.setMaxListeners(0);
  }

  /** Replaces the copy and tells the listeners (SSE streams) which keys moved. */
  apply(snapshot: FlagSnapshot): void {
    this.flags = new Map(snapshot.flags.map((f) => [f.spec.key, f]));
    this.currentEtag = snapshot.etag;
    if (snapshot.changed.length > 0) this.events.emit("change", snapshot.changed);
  }

  get(key: string): ServedFlag | undefined {
    return this.flags.get(key);
  }

  all(): ServedFlag[] {
    return [...this.flags.values()];
  }

  etag(): string {
    return this.currentEtag;
  }

  onChange(listener: (keys: string[]) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }
}
