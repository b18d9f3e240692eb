// The traffic routers' follow-up of the one write path, on the leader (issue 24):
//   1. intents: an outbox consumer (shared cursor "traffic-routers", as the webhook fan-out) turns each committed
//      state change of a release whose plan names a router into the share its router must serve (one row per release
//      and scope, moved forward by release version only, so a batch handed over twice changes nothing).
//   2. writes: every intent not yet confirmed is written (rollbacks first: one write, before anything else is done for
//      them), read back, and recorded through mutateRelease (`traffic_applied`, or `traffic_unconfirmed` and a retry).
//   3. watch (the job's tick only): the weights of running releases are read again; weights someone else changed raise
//      `traffic_drift` and PAUSE the release through the one command path (never a rollback). Counters are sampled
//      for the board's observed split.
import "server-only";
import { STATE_CHANGING_EVENTS, type AuditEventType } from "../../releases/core/events";
import type { Plan, TrafficRouterChoice } from "../../plans/core/plan";
import { PlanSchema } from "../../plans/core/plan";
import { db, type Db } from "../../platform/db/client";
import { sqlDialect } from "../../platform/db/sql-dialect";
import { liveEventOf, LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";
import { OutboxConsumer } from "../../platform/outbox/outbox-consumer";
import type { OutboxRow } from "../../platform/outbox/outbox-store";
import { logError, logNotice } from "../../platform/logging/ops-log";
import { mutateRelease } from "../../releases/server/mutate-release";
import { applyCommand } from "../../releases/server/apply-command";
import { keepSamples, RouterError, shareOf, weightsForShare, type CounterSample, type RouterWeights, type TrafficRouter } from "../core";
import { routerFor, routerKind } from "./router-registry";
import type { TrafficRouterState } from "../../generated/prisma/sqlite/client";

export const TRAFFIC_ROUTER_CONSUMER = "traffic-routers";
export const TRAFFIC_ROUTER_ACTOR = "traffic-router";
/** Counter samples kept per release: a little over the board's one-minute window. */
const SAMPLE_KEEP_MS = 70_000;
/** After an ended release (rolled back, completed), its counters are still sampled this long (the board shows 0 %). */
const WATCH_ENDED_MS = 5 * 60_000;
/** Retries of an unconfirmed write: quick at first (a blip), then every few seconds, until confirmed. */
const RETRY_MS = [200, 500, 1000, 2000, 3000];
/** Writes in flight at once across releases. */
const CONCURRENCY = 8;
/** Failed re-reads in a row before a confirmed router counts as unconfirmed (one slow answer on a busy host is not an outage). */
const WATCH_FAILURES = 2;
/** Bounds the failure counts: one per watched release at most, and never more than this. */
const MAX_TRACKED = 10_000;

type Snapshot = { status?: string; trafficPercent?: number };
type ReleaseRow = { id: string; status: string; planJson: string; commander: string | null; endedAt: Date | null; version: number };

export interface DriverOptions {
  client?: Db;
  databaseUrl?: string;
  now?: () => number;
  /** A fencing token for the leader's writes (mutateRelease's fenceEpoch). */
  epoch?: () => number | null;
}

export class TrafficRouterDriver {
  private readonly client: Db;
  private readonly outbox: OutboxConsumer;
  private readonly now: () => number;
  private running: Promise<void> | null = null;
  private again = false;
  private againWatch = false;
  /** The router each release (and scope) names, as last seen: a rollback's write needs no database read. */
  private readonly choices = new Map<string, TrafficRouterChoice>();
  /** Consecutive failed re-reads per release and scope, cleared by a good read. */
  private readonly watchFailures = new Map<string, number>();
  /** What one pass did, for tests and the bench. */
  readonly stats = { writes: 0, reads: 0, passes: 0 };

  constructor(private readonly options: DriverOptions = {}) {
    this.client = options.client ?? db();
    this.now = options.now ?? Date.now;
    this.outbox = new OutboxConsumer({
      name: TRAFFIC_ROUTER_CONSUMER,
      client: () => this.client,
      dialect: sqlDialect(options.databaseUrl ?? process.env.DATABASE_URL).kind,
      shared: true,
      handle: (rows) => this.intentsOf(rows),
    });
  }

  /** Intents, then writes; `watch` (the job's tick) also re-reads running releases. Overlapping calls fold into one more pass. */
  run(watch: boolean): Promise<void> {
    if (this.running) {
      this.again = true;
      this.againWatch ||= watch;
      return this.running;
    }
    this.running = (async () => {
      let w = watch;
      try {
        do {
          this.again = false;
          this.stats.passes++;
          await this.outbox.drain();
          await this.writeDue();
          if (w) await this.watch();
          w = this.againWatch;
          this.againWatch = false;
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * A rollback's one write, straight from this process's commit signal, before anything else is done for it: the
   * canary leaves as soon as the commit is known. The pipeline below then writes the same weights again (idempotent),
   * reads them back and records `traffic_applied`, or retries until the router confirms.
   */
  rollbackNow(messages: readonly { event?: { type: string; releaseId: string; data: Record<string, unknown> } }[]): void {
    for (const m of messages) {
      const e = m.event;
      if (e?.type !== "rolled_back") continue;
      const choice = this.choices.get(`${e.releaseId}|${typeof e.data.track === "string" ? e.data.track : ""}`);
      if (!choice) continue;
      let router: TrafficRouter;
      try {
        router = routerFor(choice);
      } catch {
        continue;
      }
      this.stats.writes++;
      void router.setWeights(weightsForShare(0, router.maxWeight).weights).catch(() => {
        // The pipeline retries and says so (traffic_unconfirmed).
      });
    }
  }

  private remember(releaseId: string, scope: string, choice: TrafficRouterChoice): void {
    const key = `${releaseId}|${scope}`;
    if (!this.choices.has(key) && this.choices.size >= MAX_TRACKED) this.choices.delete(this.choices.keys().next().value!);
    this.choices.set(key, choice);
  }

  // ---- 1. intents ----

  private async intentsOf(rows: readonly OutboxRow[]): Promise<void> {
    const plans = new Map<string, Plan | null>();
    for (const row of rows) {
      if (row.topic !== LIVE_EVENT_TOPIC) continue;
      const event = liveEventOf(row);
      // A pause moves no traffic: re-writing then would silently undo the drift that paused the release.
      if (!STATE_CHANGING_EVENTS.has(event.type as AuditEventType) || event.type === "paused") continue;
      const after = event.after as Snapshot | null;
      if (!after || typeof after.trafficPercent !== "number") continue;
      if (!plans.has(event.releaseId)) plans.set(event.releaseId, await this.planOf(event.releaseId));
      const plan = plans.get(event.releaseId);
      if (!plan) continue;
      const scope = typeof event.data.track === "string" ? event.data.track : "";
      const choice = choiceOf(plan, scope);
      if (!choice) continue;
      this.remember(event.releaseId, scope, choice);
      await this.recordIntent(event.releaseId, scope, choice, event.version, after.trafficPercent, event.type, new Date(event.at));
    }
  }

  private async planOf(releaseId: string): Promise<Plan | null> {
    const row = await this.client.release.findUnique({ where: { id: releaseId }, select: { planJson: true } });
    if (!row) return null;
    const parsed = PlanSchema.safeParse(JSON.parse(row.planJson));
    return parsed.success ? parsed.data : null;
  }

  /** Moves the row to this intent only when it is newer than the one it holds (a batch seen twice changes nothing). */
  private async recordIntent(releaseId: string, scope: string, choice: TrafficRouterChoice, version: number, percent: number, cause: string, at: Date) {
    const data = {
      router: choice.router,
      kind: routerKind(choice.router) ?? "unknown",
      desiredVersion: version,
      desiredPercent: percent,
      desiredCause: cause,
      desiredAt: at,
      status: "pending",
      attempts: 0,
      nextAttemptAt: null,
      detail: null,
      updatedAt: new Date(this.now()),
    };
    const moved = await this.client.trafficRouterState.updateMany({ where: { releaseId, scope, desiredVersion: { lt: version } }, data });
    if (moved.count > 0) return;
    await this.client.trafficRouterState.create({ data: { releaseId, scope, ...data } }).catch(() => {
      // Already there at this version or a later one: nothing to do.
    });
  }

  // ---- 2. writes ----

  private async writeDue(): Promise<void> {
    const now = new Date(this.now());
    const due = await this.client.trafficRouterState.findMany({
      where: { status: { in: ["pending", "unconfirmed"] }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    });
    if (due.length === 0) return;
    // A rollback's write goes before any other: taking the canary out is the one thing that must not wait.
    due.sort((a, b) => Number(b.desiredCause === "rolled_back") - Number(a.desiredCause === "rolled_back") || a.desiredAt.getTime() - b.desiredAt.getTime());
    const queue = [...due];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) await this.writeOne(row);
      }),
    );
  }

  private async writeOne(row: TrafficRouterState): Promise<void> {
    const release = await this.releaseOf(row.releaseId);
    const choice = release && choiceOf(parsePlan(release.planJson), row.scope);
    if (!release || !choice) {
      await this.client.trafficRouterState.deleteMany({ where: { releaseId: row.releaseId, scope: row.scope } });
      return;
    }
    this.remember(row.releaseId, row.scope, choice);
    let router: TrafficRouter;
    try {
      router = routerFor(choice);
    } catch (e) {
      await this.unconfirmed(row, { stable: 0, canary: 0 }, "invalid", (e as Error).message);
      return;
    }
    const wanted = weightsForShare(row.desiredPercent, router.maxWeight);
    try {
      this.stats.writes++;
      await router.setWeights(wanted.weights);
      const back = await router.readWeights();
      this.stats.reads++;
      const confirmedAt = this.now();
      if (!sameWeights(back.weights, wanted.weights) || !back.confirmed) {
        const found = `read back stable ${back.weights.stable} / canary ${back.weights.canary}, set ${wanted.weights.stable} / ${wanted.weights.canary}`;
        await this.unconfirmed(row, wanted.weights, "mismatch", back.detail ? `${found}: ${back.detail}` : found);
        return;
      }
      await this.applied(row, wanted.weights, back.weights, wanted.canaryPercent, confirmedAt);
    } catch (e) {
      const code = e instanceof RouterError ? e.code : "unreachable";
      await this.unconfirmed(row, wanted.weights, code, (e as Error).message);
    } finally {
      await router.close().catch(() => {});
    }
  }

  private async applied(row: TrafficRouterState, set: RouterWeights, back: RouterWeights, setPercent: number, confirmedAt: number) {
    const confirmedMs = Math.max(0, Math.round(confirmedAt - row.desiredAt.getTime()));
    const attempts = row.attempts + 1;
    const outcome = await mutateRelease(row.releaseId, { fenceEpoch: this.options.epoch?.() ?? null }, async (_loaded, at, tx) => {
      // Only the intent that was written: a newer state change since then has its own write coming.
      const held = await tx.trafficRouterState.updateMany({
        where: { releaseId: row.releaseId, scope: row.scope, desiredVersion: row.desiredVersion },
        data: {
          status: "applied",
          setStable: set.stable,
          setCanary: set.canary,
          readStable: back.stable,
          readCanary: back.canary,
          appliedVersion: row.desiredVersion,
          detail: null,
          attempts,
          nextAttemptAt: null,
          confirmedAt: new Date(confirmedAt),
          readAt: new Date(confirmedAt),
          updatedAt: at,
        },
      });
      if (held.count !== 1) return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          {
            type: "traffic_applied" as const,
            actor: TRAFFIC_ROUTER_ACTOR,
            reason: null,
            at,
            before: null,
            after: null,
            data: {
              router: row.router,
              kind: row.kind,
              ...(row.scope ? { track: row.scope } : {}),
              askedPercent: row.desiredPercent,
              setPercent: round4(setPercent),
              weights: set,
              readBack: back,
              version: row.desiredVersion,
              cause: row.desiredCause,
              attempts,
              confirmedMs,
            },
          },
        ],
      };
    });
    if (!outcome.ok) logError("traffic router outcome not recorded", { releaseId: row.releaseId, error: outcome.error });
  }

  private async unconfirmed(row: TrafficRouterState, weights: RouterWeights, code: "unreachable" | "refused" | "conflict" | "invalid" | "mismatch", message: string) {
    const attempts = row.attempts + 1;
    const nextAttemptAt = new Date(this.now() + RETRY_MS[Math.min(attempts - 1, RETRY_MS.length - 1)]!);
    const detail = message.slice(0, 500);
    // The first failure of an intent is an event (the board and the audit log say it); the retries only move the row.
    const tell = row.status !== "unconfirmed";
    const outcome = await mutateRelease(row.releaseId, { fenceEpoch: this.options.epoch?.() ?? null }, async (_loaded, at, tx) => {
      const held = await tx.trafficRouterState.updateMany({
        where: { releaseId: row.releaseId, scope: row.scope, desiredVersion: row.desiredVersion },
        data: { status: "unconfirmed", detail, attempts, nextAttemptAt, setStable: weights.stable, setCanary: weights.canary, updatedAt: at },
      });
      if (held.count !== 1 || !tell) return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          {
            type: "traffic_unconfirmed" as const,
            actor: TRAFFIC_ROUTER_ACTOR,
            reason: `Traffic router "${row.router}" has not confirmed ${row.desiredPercent}%: ${detail}. Retrying until it does; CONTINUE waits, PAUSE and ROLLBACK still apply`,
            at,
            before: null,
            after: null,
            data: {
              router: row.router,
              kind: row.kind,
              ...(row.scope ? { track: row.scope } : {}),
              askedPercent: row.desiredPercent,
              weights,
              version: row.desiredVersion,
              cause: row.desiredCause,
              attempts,
              code,
              message: detail,
            },
          },
        ],
      };
    });
    if (!outcome.ok) logError("traffic router outcome not recorded", { releaseId: row.releaseId, error: outcome.error });
    else if (tell) logNotice("traffic router unconfirmed", { releaseId: row.releaseId, router: row.router, code, message: detail });
  }

  // ---- 3. watch ----

  private async watch(): Promise<void> {
    const rows = await this.client.trafficRouterState.findMany({ where: { status: { in: ["applied", "drift"] } } });
    const queue = [...rows];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          try {
            await this.watchOne(row);
          } catch (e) {
            logError("traffic router watch failed", { releaseId: row.releaseId, error: (e as Error).message });
          }
        }
      }),
    );
  }

  private async watchOne(row: TrafficRouterState): Promise<void> {
    const release = await this.releaseOf(row.releaseId);
    const choice = release && choiceOf(parsePlan(release.planJson), row.scope);
    if (!release || !choice) return;
    this.remember(row.releaseId, row.scope, choice);
    const ended = release.status === "rolled_back" || release.status === "completed";
    if (ended && (!release.endedAt || release.endedAt.getTime() < this.now() - WATCH_ENDED_MS)) return;
    const router = routerFor(choice);
    try {
      const [back, counters] = await Promise.all([
        row.status === "applied" ? router.readWeights() : Promise.resolve(null),
        router.observedSplit().catch(() => null),
      ]);
      this.stats.reads++;
      this.watchFailures.delete(`${row.releaseId}|${row.scope}`);
      const at = this.now();
      const samples = counters ? keepSamples(samplesOf(row), [at, counters.stable, counters.canary], SAMPLE_KEEP_MS) : samplesOf(row);
      const expected = { stable: row.setStable ?? 0, canary: row.setCanary ?? 0 };
      if (back && !sameWeights(back.weights, expected) && !ended) {
        await this.drift(row, release, expected, back.weights, samples);
        return;
      }
      await this.client.trafficRouterState.updateMany({
        where: { releaseId: row.releaseId, scope: row.scope, desiredVersion: row.desiredVersion },
        data: {
          samplesJson: JSON.stringify(samples),
          ...(back ? { readStable: back.weights.stable, readCanary: back.weights.canary, readAt: new Date(at) } : {}),
        },
      });
    } catch (e) {
      // The router stopped answering while watched: unconfirmed (CONTINUE waits); the write is made again until it answers.
      if (row.status !== "applied" || ended) return;
      const key = `${row.releaseId}|${row.scope}`;
      const failures = (this.watchFailures.get(key) ?? 0) + 1;
      if (failures < WATCH_FAILURES) {
        if (this.watchFailures.size >= MAX_TRACKED) this.watchFailures.clear();
        this.watchFailures.set(key, failures);
        return;
      }
      this.watchFailures.delete(key);
      const code = e instanceof RouterError ? e.code : "unreachable";
      await this.unconfirmed(row, { stable: row.setStable ?? 0, canary: row.setCanary ?? 0 }, code, (e as Error).message);
    } finally {
      await router.close().catch(() => {});
    }
  }

  private async drift(row: TrafficRouterState, release: ReleaseRow, expected: RouterWeights, found: RouterWeights, samples: CounterSample[]) {
    const decide = release.commander ? `the commander, ${release.commander}` : "the release's commander (none yet: whoever commands it next)";
    const expectedPercent = round4(shareOf(expected));
    const foundPercent = round4(shareOf(found));
    const said = (n: number) => `${Number(n.toFixed(2))}%`;
    const reason = `Traffic router "${row.router}" weights changed outside Tidegate: stable ${found.stable} / canary ${found.canary} (${said(foundPercent)} canary), set ${expected.stable} / ${expected.canary} (${said(expectedPercent)}). Paused; ${decide} decides: RESUME re-applies ${row.desiredPercent}%, ROLLBACK takes the canary out`;
    const now = new Date(this.now());
    const recorded = await mutateRelease(row.releaseId, { fenceEpoch: this.options.epoch?.() ?? null }, async (_loaded, at, tx) => {
      const held = await tx.trafficRouterState.updateMany({
        where: { releaseId: row.releaseId, scope: row.scope, desiredVersion: row.desiredVersion, status: "applied" },
        data: { status: "drift", readStable: found.stable, readCanary: found.canary, readAt: now, detail: `stable ${found.stable} / canary ${found.canary} = ${said(foundPercent)} canary, set ${expected.stable} / ${expected.canary}`, samplesJson: JSON.stringify(samples), updatedAt: at },
      });
      if (held.count !== 1) return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          {
            type: "traffic_drift" as const,
            actor: TRAFFIC_ROUTER_ACTOR,
            reason,
            at,
            before: null,
            after: null,
            data: { router: row.router, kind: row.kind, ...(row.scope ? { track: row.scope } : {}), expected, found, expectedPercent, foundPercent, decide },
          },
        ],
      };
    });
    if (!recorded.ok || recorded.events.length === 0) return;
    // Pause through the one command path; a release already paused (or ended) keeps its state. Never a rollback.
    const paused = await applyCommand(row.releaseId, { command: { type: "pause", actor: TRAFFIC_ROUTER_ACTOR, reason, ...(row.scope ? { track: row.scope } : {}) } });
    if (!paused.ok && paused.error.code !== "invalid_transition") logError("traffic drift pause failed", { releaseId: row.releaseId, error: paused.error });
  }

  private releaseOf(id: string): Promise<ReleaseRow | null> {
    return this.client.release.findUnique({ where: { id }, select: { id: true, status: true, planJson: true, commander: true, endedAt: true, version: true } });
  }

  stop(): void {
    this.outbox.stop();
  }
}

function choiceOf(plan: Plan | null, scope: string): TrafficRouterChoice | null {
  if (!plan) return null;
  if (scope === "") return plan.tracks?.length ? null : (plan.traffic ?? null);
  return plan.tracks?.find((t) => t.key === scope)?.traffic ?? null;
}

function parsePlan(json: string): Plan | null {
  const parsed = PlanSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

function samplesOf(row: Pick<TrafficRouterState, "samplesJson">): CounterSample[] {
  if (!row.samplesJson) return [];
  try {
    return JSON.parse(row.samplesJson) as CounterSample[];
  } catch {
    return [];
  }
}

const sameWeights = (a: RouterWeights, b: RouterWeights) => a.stable === b.stable && a.canary === b.canary;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
