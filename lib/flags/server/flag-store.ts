// The in-memory view of every flag, derived from the release rows, so an evaluation never touches the database.
// Committed changes reach it through the outbox (follow-outbox.ts); a cheap version poll is the slow backstop.
import "server-only";
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import type { FlagState } from "../core/evaluate";
import type { FlagSpec } from "../core/flag-spec";
import { flagShare } from "../core/share";
import { tracksFromJson } from "../../releases/core/tracks";
import type { Plan } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { logError } from "../../platform/logging/ops-log";

export interface ServedFlag extends FlagState {
  releaseName: string;
  service: string;
  /** When the flag's share last changed, as this instance saw it. */
  changedAt: Date;
}

interface ReleaseRow {
  id: string;
  name: string;
  service: string;
  status: string;
  currentWaveIndex: number;
  trafficPercent: number;
  planJson: string;
  /** Issue 22: a programme's per-track state; each track's flags follow their own track. */
  tracksJson: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface StoreState {
  releases: Map<string, { row: ReleaseRow; plan: Pick<Plan, "waves" | "flags" | "tracks"> }>;
  flags: Map<string, ServedFlag>;
  /** Content-derived, so two instances serving the same releases give the same ETag. */
  etag: string;
  ready: boolean;
  events: EventEmitter;
  timer: NodeJS.Timeout | null;
  polling: Promise<void> | null;
}

// One store per process, shared by server.ts's hot path and Next.js route handlers (separate module graphs).
const holder = globalThis as unknown as { __tidegateFlags?: StoreState };

function store(): StoreState {
  if (!holder.__tidegateFlags) {
    const events = new EventEmitter();
    events.setMaxListeners(0);
    holder.__tidegateFlags = { releases: new Map(), flags: new Map(), etag: '"0"', ready: false, events, timer: null, polling: null };
  }
  return holder.__tidegateFlags;
}

/**
 * Which release a key follows when several ever had it: a running or paused release first, then the latest
 * finished one (so a new draft never switches off a flag an earlier release completed), then a draft.
 */
function rank(status: string): number {
  if (status === "running" || status === "paused" || status === "hypercare") return 3;
  if (status === "completed" || status === "rolled_back") return 2;
  return 1;
}

function rebuild(s: StoreState, now: Date): string[] {
  const next = new Map<string, ServedFlag>();
  const candidates = [...s.releases.values()].sort(
    (a, b) => rank(b.row.status) - rank(a.row.status) || b.row.updatedAt.getTime() - a.row.updatedAt.getTime(),
  );
  for (const { row, plan } of candidates) {
    for (const { flags, state, waves } of flagGroupsOf(row, plan)) {
      const share = flagShare(state, { waves });
      for (const spec of flags as FlagSpec[]) {
        if (next.has(spec.key)) continue;
        const previous = s.flags.get(spec.key);
        const unchanged = previous && previous.releaseId === row.id && previous.share === share && previous.status === state.status;
        next.set(spec.key, {
          spec,
          releaseId: row.id,
          releaseName: row.name,
          service: row.service,
          status: state.status,
          waveIndex: state.currentWaveIndex,
          waveName: waves[state.currentWaveIndex]?.name ?? null,
          share,
          version: row.version,
          changedAt: unchanged ? previous.changedAt : now,
        });
      }
    }
  }
  const changed = [...new Set([...next.keys(), ...s.flags.keys()])].filter((k) => {
    const a = s.flags.get(k);
    const b = next.get(k);
    return !a || !b || a.share !== b.share || a.status !== b.status || a.releaseId !== b.releaseId || a.version !== b.version;
  });
  s.flags = next;
  const vector = [...s.releases.values()].map((r) => `${r.row.id}:${r.row.version}`).sort().join(",");
  s.etag = `"${createHash("sha1").update(vector).digest("base64url").slice(0, 20)}"`;
  return changed;
}

/** The release's flags with the state and waves they follow: the release's own, or (a programme) each track's. */
function flagGroupsOf(row: ReleaseRow, plan: Pick<Plan, "waves" | "flags" | "tracks">) {
  if (!plan.tracks?.length) return [{ flags: plan.flags ?? [], state: row, waves: plan.waves }];
  const states = tracksFromJson(row.tracksJson) ?? {};
  return plan.tracks.map((t) => ({
    flags: t.flags ?? [],
    state: states[t.key] ?? { status: "draft", currentWaveIndex: 0, trafficPercent: 0 },
    waves: t.waves ?? [],
  }));
}

const SELECT = {
  id: true,
  name: true,
  service: true,
  status: true,
  currentWaveIndex: true,
  trafficPercent: true,
  planJson: true,
  tracksJson: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Reads the version of every flagged release and reloads only those that moved. */
export async function refreshFlags(onlyReleaseId?: string): Promise<void> {
  const s = store();
  const client = db();
  const versions = onlyReleaseId
    ? await client.release.findMany({ where: { id: onlyReleaseId, flagKeys: { not: null } }, select: { id: true, version: true } })
    : await client.release.findMany({ where: { flagKeys: { not: null } }, select: { id: true, version: true } });
  const stale = versions.filter((v) => s.releases.get(v.id)?.row.version !== v.version).map((v) => v.id);
  const gone = onlyReleaseId
    ? versions.length === 0 && s.releases.has(onlyReleaseId) ? [onlyReleaseId] : []
    : [...s.releases.keys()].filter((id) => !versions.some((v) => v.id === id));
  if (stale.length === 0 && gone.length === 0 && s.ready) return;
  const rows = stale.length ? await client.release.findMany({ where: { id: { in: stale } }, select: SELECT }) : [];
  for (const id of gone) s.releases.delete(id);
  for (const row of rows) {
    const cached = s.releases.get(row.id);
    // The plan never changes after create, so it is parsed once per release.
    const plan = cached?.plan ?? (JSON.parse(row.planJson) as Plan);
    s.releases.set(row.id, { row, plan: { waves: plan.waves ?? [], flags: plan.flags, tracks: plan.tracks } });
  }
  const changed = rebuild(s, new Date());
  s.ready = true;
  if (changed.length > 0) s.events.emit("change", changed);
}

/** The version of a release as the store holds it (undefined when it has no flags or is not loaded yet). */
export function storedReleaseVersion(releaseId: string): number | undefined {
  return store().releases.get(releaseId)?.row.version;
}

/** Starts the backstop poll; resolves once the first load is in memory. */
export async function startFlagStore(pollMs: number): Promise<() => void> {
  const s = store();
  await refreshFlags();
  const tick = () => {
    if (s.polling) return;
    s.polling = refreshFlags()
      .catch((e) => logError("flag poll failed", { error: (e as Error).message }))
      .finally(() => (s.polling = null));
  };
  s.timer = setInterval(tick, pollMs);
  s.timer.unref();
  return () => {
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
  };
}

/** The flags as the main thread holds them, for the flag worker's copy of the store. */
export interface FlagSnapshot {
  flags: ServedFlag[];
  etag: string;
  changed: string[];
}

export function flagSnapshot(changed: string[]): FlagSnapshot {
  const s = store();
  return { flags: [...s.flags.values()], etag: s.etag, changed };
}

/** In the flag worker: replaces its copy with the main thread's and tells its listeners (SSE streams) what moved. */
export function applyFlagSnapshot(snapshot: FlagSnapshot): void {
  const s = store();
  s.flags = new Map(snapshot.flags.map((f) => [f.spec.key, f]));
  s.etag = snapshot.etag;
  s.ready = true;
  if (snapshot.changed.length > 0) s.events.emit("change", snapshot.changed);
}

export function getFlag(key: string): ServedFlag | undefined {
  return store().flags.get(key);
}

export function allFlags(): ServedFlag[] {
  return [...store().flags.values()];
}

export function flagsEtag(): string {
  return store().etag;
}

export function flagStoreReady(): boolean {
  return store().ready;
}

/** Called with the keys whose share, status or release changed. */
export function onFlagsChanged(listener: (keys: string[]) => void): () => void {
  const events = store().events;
  events.on("change", listener);
  return () => events.off("change", listener);
}
