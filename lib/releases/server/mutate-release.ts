// The one write path for a release: load state + version, decide (pure), write state + events in one
// transaction, then signal the commit (consumers read the outbox). Commands, checklist ticks, sign-offs and
// guardrail actions all come through here.
import "server-only";
import type { DomainEvent, ReleaseState } from "../core/machine";
import { db, type Tx } from "../../platform/db/client";
import { isWriteConflict } from "../../platform/db/with-conflict-retry";
import { appError, notFound, refusalToError, type AppError } from "../../platform/http/app-error";
import { crashIfFailpoint, freezeIfFailpoint } from "../../platform/failpoints/failpoints";
import { withIncident } from "../../incidents/server/open-incident";
import { withQuarantine } from "../../freezes/server/quarantine-on-rollback";
import { checkFence, FencedOut } from "../../platform/cluster/fence";
import { appendEvents, OutboxOrderRace } from "../../platform/outbox/append-events";
import { publishCommitted, type CommittedMessage } from "../../platform/outbox/committed-signal";
import { toEventView, type EventView } from "./event-view";
import { loadRelease, type LoadedRelease } from "./load-release";
import { toReleaseView, type ReleaseView } from "./release-view";
import { tracksToJson } from "../core/tracks";

export interface Refused {
  ok: false;
  refusal: { code: string; message: string; details?: unknown };
  /** The refusal is because the caller decided on a state that has since moved: answer 409 with what changed. */
  conflict?: true;
}

export interface Accepted {
  ok: true;
  /** The new release state, when the change moves the release (machine commands). */
  state?: ReleaseState;
  events: DomainEvent[];
  /** Extra rows the change writes (checklist item, sign-off, alert), inside the same transaction. */
  write?: (tx: Tx) => Promise<void>;
  /** The human commanding the release now, shown on the overview. */
  commander?: string;
  actorRole?: string | null;
}

export type Change = Accepted | Refused;

export interface MutateOptions {
  expectedVersion?: number;
  /**
   * "exact" (default): any change since expectedVersion is a conflict. "decider": the decide function judges
   * staleness itself (commands conflict only on what the person decided on, not on bookkeeping).
   */
  versionCheck?: "exact" | "decider";
  idempotencyKey?: string;
  /** What the idempotent request asked for, so a reused key with another body is refused. */
  fingerprint?: string;
  now?: () => Date;
  /** A write made for the cluster leader's jobs: refused (409 fenced) unless this epoch is still the leader's. */
  fenceEpoch?: number | null;
}

export type MutateOutcome =
  | { ok: true; release: ReleaseView; events: EventView[]; replayed: boolean; status: number }
  | { ok: false; error: AppError };

class VersionRace extends Error {}
/** The decider found the caller's view stale in a way that matters (status, wave or run moved). */
class StaleDecision extends Error {}

export type Decider = (loaded: LoadedRelease, now: Date, tx: Tx) => Change | Promise<Change>;
class Replay extends Error {
  constructor(readonly status: number, readonly body: string) {
    super("replay");
  }
}

const MAX_ATTEMPTS = 25;

export async function mutateRelease(
  releaseId: string,
  options: MutateOptions,
  decideChange: Decider,
): Promise<MutateOutcome> {
  const clock = options.now ?? (() => new Date());
  // Without expectedVersion, a 409 after exhausted retries reports against the version first seen.
  const seen: { version?: number } = {};
  const committed: CommittedMessage[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await db().$transaction(
        (tx) => {
          committed.length = 0; // a retried attempt starts over
          return attemptOnce(tx, releaseId, options, clock(), decideChange, seen, committed);
        },
        { timeout: 20_000, maxWait: 20_000 },
      );
      // Delivery goes through the outbox written in the same transaction; the signal only says "look now" (its
      // listeners answer the caller first, except this process's own read models, such as the flag store).
      if (outcome.ok && outcome.events.length > 0 && !outcome.replayed) {
        crashIfFailpoint(outcome.events.map((e) => e.type));
        await publishCommitted(committed);
      }
      return outcome;
    } catch (e) {
      if (e instanceof FencedOut) return { ok: false, error: appError(409, "fenced", e.message, { epoch: e.epoch, currentEpoch: e.current }) };
      if (e instanceof Replay) {
        return { ok: true, ...JSON.parse(e.body), replayed: true, status: e.status };
      }
      // A concurrent writer moved the version between our read and our write. With expectedVersion the caller
      // loses (409); without it, try again against the state it will actually meet.
      const raced = e instanceof VersionRace || e instanceof OutboxOrderRace || isWriteConflict(e);
      // A same-key request can also lose as a stale decision: on PostgreSQL each statement sees the latest commit,
      // so the winner may commit between this attempt's idempotency read and its release read (a second PAUSE then
      // meets a paused release). Its answer is the winner's, replayed, not a 409.
      if ((raced || e instanceof StaleDecision) && options.idempotencyKey) {
        const stored = await findIdempotent(releaseId, options.idempotencyKey);
        if (stored) return replayOf(stored, options.fingerprint);
      }
      // A decider judges staleness itself against the state it meets, so a lost row race is simply retried.
      const retryable = options.expectedVersion === undefined || options.versionCheck === "decider";
      if (raced && retryable && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        continue;
      }
      if (e instanceof StaleDecision) return conflict(releaseId, options.expectedVersion);
      if (raced) return conflict(releaseId, options.expectedVersion ?? seen.version);
      throw e;
    }
  }
}

async function attemptOnce(
  tx: Tx,
  releaseId: string,
  options: MutateOptions,
  now: Date,
  decideChange: Decider,
  seen: { version?: number },
  committed: CommittedMessage[],
): Promise<MutateOutcome> {
  // First, so that a stale leader's write is refused before it reads anything it could decide on.
  await checkFence(tx, options.fenceEpoch);
  if (options.fenceEpoch != null) freezeIfFailpoint("inside_fenced_write");
  if (options.idempotencyKey) {
    const stored = await tx.idempotencyRecord.findUnique({
      where: { releaseId_key: { releaseId, key: options.idempotencyKey } },
    });
    if (stored) {
      const replay = replayOf(stored, options.fingerprint);
      if (!replay.ok) return replay;
      throw new Replay(stored.status, stored.bodyJson);
    }
  }
  const loaded = await loadRelease(tx, releaseId);
  if (!loaded) return { ok: false, error: notFound("Release", releaseId) };
  seen.version ??= loaded.row.version;
  if (options.expectedVersion !== undefined && options.versionCheck !== "decider" && options.expectedVersion !== loaded.row.version) {
    throw new VersionRace();
  }
  const decided = await decideChange(loaded, now, tx);
  if (!decided.ok) {
    if (decided.conflict) throw new StaleDecision();
    return { ok: false, error: refusalToError(decided.refusal) };
  }
  // A rollback, or a critical breach that acted, opens an incident in this same transaction (issue 15).
  const incident = await withIncident(tx, loaded, decided.state, decided.events, now);
  const opened: Accepted = incident.write ? { ...decided, events: incident.events, write: both(decided.write, incident.write) } : decided;
  // A rollback quarantines the service version in this same transaction (issue 25).
  const quarantine = await withQuarantine(tx, loaded, opened.events, now);
  const change: Accepted = quarantine.write ? { ...opened, events: quarantine.events, write: both(opened.write, quarantine.write) } : opened;

  if (change.events.length === 0 && !change.state) {
    // Bookkeeping with nothing to tell anyone (an alert's healthy timer): no event, so no new version that
    // would make a commander's screen stale. It still writes only over the version it read (no side door).
    if (change.write) {
      const held = await tx.release.updateMany({ where: { id: releaseId, version: loaded.row.version }, data: { version: loaded.row.version } });
      if (held.count !== 1) throw new VersionRace();
      await change.write(tx);
    }
    return { ok: true, release: toReleaseView(loaded, now), events: [], replayed: false, status: 200 };
  }
  const version = loaded.row.version + 1;
  const next = change.state ?? loaded.state;
  const moved = await tx.release.updateMany({
    where: { id: releaseId, version: loaded.row.version },
    data: {
      version,
      lastSeq: loaded.row.lastSeq + change.events.length,
      status: next.status,
      currentWaveIndex: next.currentWaveIndex,
      trafficPercent: next.trafficPercent,
      waveStartedAt: next.waveStartedAt,
      ...(next.tracks ? { tracksJson: tracksToJson(next.tracks) } : {}),
      ...(change.state ? lifecycleOf(loaded, next, now, version) : {}),
      ...(change.commander ? { commander: change.commander } : {}),
    },
  });
  if (moved.count !== 1) throw new VersionRace();
  // A programme's waves belong to its tracks (their times are in tracksJson), not to WaveRun rows.
  if (change.state && !next.tracks) await recordWaveRuns(tx, loaded, next, now);
  if (change.write) await change.write(tx);

  const appended = await appendEvents(tx, releaseId, loaded.row.lastSeq + 1, version, change.events, change.actorRole ?? null);
  committed.push(...appended);
  const views = appended.map((a) => a.event);
  const after = await loadRelease(tx, releaseId);
  const outcome = { ok: true as const, release: toReleaseView(after!, now), events: views, replayed: false, status: 200 };
  if (options.idempotencyKey) {
    await tx.idempotencyRecord.create({
      data: {
        releaseId,
        key: options.idempotencyKey,
        fingerprint: options.fingerprint ?? "",
        status: 200,
        bodyJson: JSON.stringify({ release: outcome.release, events: outcome.events }),
      },
    });
  }
  return outcome;
}

function both(a: ((tx: Tx) => Promise<void>) | undefined, b: (tx: Tx) => Promise<void>) {
  return async (tx: Tx) => {
    if (a) await a(tx);
    await b(tx);
  };
}

/** Run numbering, lifecycle times and the state version that commands are checked against. */
function lifecycleOf(loaded: LoadedRelease, next: ReleaseState, now: Date, version: number) {
  const prev = loaded.state;
  const moved = prev.status !== next.status || prev.currentWaveIndex !== next.currentWaveIndex || tracksMoved(prev, next);
  const stateVersion = moved ? { stateVersion: version } : {};
  if (next.status === "running" && (prev.status === "draft" || prev.status === "rolled_back")) {
    return { startedAt: now, endedAt: null, run: loaded.row.run + 1, stateVersion: version };
  }
  if ((next.status === "completed" || next.status === "rolled_back") && prev.status !== next.status) return { endedAt: now, ...stateVersion };
  return stateVersion;
}

/** Issue 22: a track that changed status or wave moves the programme, as a wave moves a release. */
function tracksMoved(prev: ReleaseState, next: ReleaseState): boolean {
  if (!next.tracks) return false;
  return Object.entries(next.tracks).some(([key, t]) => {
    const before = prev.tracks?.[key];
    return !before || before.status !== t.status || before.currentWaveIndex !== t.currentWaveIndex;
  });
}

/** Keeps each wave's start and end times, so boards can show time spent per wave. */
async function recordWaveRuns(tx: Tx, loaded: LoadedRelease, next: ReleaseState, now: Date) {
  const prev = loaded.state;
  const restarted = prev.status === "rolled_back" && next.status === "running";
  if (restarted) {
    await tx.waveRun.updateMany({ where: { releaseId: loaded.row.id }, data: { startedAt: null, endedAt: null } });
  }
  // Plan v2: hypercare starts its own clock (waveStartedAt) but is no wave: it only ends the last wave's run.
  const hypercareBegan = next.status === "hypercare" && prev.status !== "hypercare";
  const waveBegan = !hypercareBegan && next.waveStartedAt && next.waveStartedAt !== prev.waveStartedAt;
  const ended = ((next.status === "completed" || next.status === "rolled_back") && prev.status !== next.status && prev.status !== "hypercare") || hypercareBegan;
  if ((waveBegan && !restarted && prev.status !== "draft") || ended) {
    await tx.waveRun.update({
      where: { releaseId_index: { releaseId: loaded.row.id, index: prev.currentWaveIndex } },
      data: { endedAt: now },
    });
  }
  if (waveBegan) {
    await tx.waveRun.update({
      where: { releaseId_index: { releaseId: loaded.row.id, index: next.currentWaveIndex } },
      data: { startedAt: now, endedAt: null },
    });
  }
}

async function findIdempotent(releaseId: string, key: string) {
  return db().idempotencyRecord.findUnique({ where: { releaseId_key: { releaseId, key } } });
}

function replayOf(
  stored: { fingerprint: string; status: number; bodyJson: string },
  fingerprint: string | undefined,
): MutateOutcome {
  if (fingerprint !== undefined && stored.fingerprint !== fingerprint) {
    return {
      ok: false,
      error: appError(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request", {
        header: "Idempotency-Key",
      }),
    };
  }
  return { ok: true, ...JSON.parse(stored.bodyJson), replayed: true, status: stored.status };
}

async function conflict(releaseId: string, expectedVersion: number | undefined): Promise<MutateOutcome> {
  const loaded = await db().$transaction((tx) => loadRelease(tx, releaseId));
  if (!loaded) return { ok: false, error: notFound("Release", releaseId) };
  const since = await db().releaseEvent.findMany({
    where: { releaseId, version: { gt: expectedVersion ?? loaded.row.version } },
    orderBy: { seq: "asc" },
    take: 50,
  });
  const what = since.map((e) => `${e.actor} ${e.type.replaceAll("_", " ")}`).join(", ");
  return {
    ok: false,
    error: appError(
      409,
      "version_conflict",
      `Someone else acted first${what ? ` (${what})` : ""}: the release is now at version ${loaded.row.version}, not ${expectedVersion}`,
      { expectedVersion, currentVersion: loaded.row.version, current: toReleaseView(loaded), missedEvents: since.map(toEventView) },
    ),
  };
}

