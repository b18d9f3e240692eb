// Webhook and traffic-hook delivery:
//   1. fan-out (an outbox consumer with the shared cursor "webhooks"): each committed event becomes one delivery row per matching endpoint (and one per traffic change
//      for a plan's traffic hook). Rows are keyed by (target, event): INSERT ... ON CONFLICT DO NOTHING, so two
//      dispatchers, or one that crashed before saving its cursor, never create a delivery twice.
//   2. send: due deliveries are claimed (a conditional UPDATE that only one sender can win while the claim lasts),
//      POSTed, and their outcome recorded under the same claim. Retries keep the delivery's id, the webhook-id.
//      A claim is short (WEBHOOK_CLAIM_MS, 15 s) and renewed while its calls run (see delivery-claim.ts); its token
//      fences the outcome: only the sender whose claim the row still names can write it. A sender that dies holds
//      its deliveries one claim's length at most, and a receiver sees a webhook-id twice only when a sender died (or
//      froze longer than its claim) between the receiver's answer and its record: within one claim of that.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { STATE_CHANGING_EVENTS, type AuditEventType } from "../../releases/core/events";
import type { Plan } from "../../plans/core/plan";
import { classifyStatus, nextAttemptDelay, type AttemptOutcome } from "../core/retry-schedule";
import type { Db } from "../../platform/db/client";
import { sqlDialect, type SqlDialect } from "../../platform/db/sql-dialect";
import { liveEventOf, LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";
import { OutboxConsumer } from "../../platform/outbox/outbox-consumer";
import type { OutboxRow } from "../../platform/outbox/outbox-store";
import type { EventView } from "../../releases/server/event-view";
import { linksFor, type ReleaseSummary, slackPayload, standardPayload } from "./build-payload";
import { postSigned, type PostAnswer } from "./post-signed";
import { recordTrafficHookOutcome } from "./record-traffic-hook";
import { DEFAULT_CLAIM_MS, DeliveryClaim } from "./delivery-claim";
import type { WebhookSettings } from "./webhook-settings";
import { logError, logNotice, logWebhookDelivery } from "../../platform/logging/ops-log";

export const WEBHOOK_CONSUMER = "webhooks";
/** The outcome write may wait behind other transactions (SQLite has one writer); it must not give up early. */
const RECORD_TX = { timeout: 60_000, maxWait: 60_000 };
const SEND_BATCH = 200;
const RECORD_BATCH = 16;

type Endpoint = { id: string; kind: string; eventsJson: string | null; releaseId: string | null; service: string | null };
type ReleaseInfo = { id: string; name: string; service: string; serviceVersion: string; plan: Plan };
type NewDelivery = {
  id: string;
  dedupeKey: string;
  target: "webhook" | "traffic_hook";
  endpointId: string | null;
  url: string | null;
  releaseId: string;
  seq: number;
  eventType: string;
  payload: string;
  eventAt: number;
};

export interface DispatcherOptions {
  client: Db;
  databaseUrl?: string;
  settings: WebhookSettings;
  /** Names this sender in claims (two senders in one process need two names). */
  senderId?: string;
  /** How many calls one sender has in flight at once. */
  concurrency?: number;
  /** How long a claim lasts unless renewed (default: the settings' claimMs, WEBHOOK_CLAIM_MS). */
  claimMs?: number;
  random?: () => number;
}

export class WebhookDispatcher {
  private readonly db: Db;
  private readonly dialect: SqlDialect;
  private readonly senderId: string;
  /** Shared by every dispatcher on the database (one cursor, "webhooks"), so it is re-read before each pass. */
  private readonly outbox: OutboxConsumer;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.client;
    this.dialect = sqlDialect(options.databaseUrl);
    this.senderId = options.senderId ?? `sender-${randomUUID()}`;
    this.outbox = new OutboxConsumer({
      name: WEBHOOK_CONSUMER,
      client: () => this.db,
      dialect: this.dialect.kind,
      shared: true,
      handle: (rows) => this.fanOutRows(rows),
    });
  }

  /**
   * Fan-out, then send. A commit's kick (`onlyNew`) sends only when the fan-out made deliveries, so a commit that
   * concerns no endpoint costs two reads; the periodic poll always looks for due retries. Overlapping calls fold
   * into one more pass after the running one.
   */
  run(onlyNew = false): Promise<void> {
    if (this.running) {
      this.again = true;
      this.againSends ||= !onlyNew;
      return this.running;
    }
    this.running = (async () => {
      let send = !onlyNew;
      try {
        do {
          this.again = false;
          this.madeDeliveries = false;
          await this.fanOut();
          if (send || this.madeDeliveries) while ((await this.sendDue()) === SEND_BATCH) {}
          send = this.againSends;
          this.againSends = false;
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private madeDeliveries = false;
  /** What this dispatcher did since it was made: calls made to receivers, outcomes refused by the fence. */
  readonly stats = { calls: 0, fenced: 0 };
  private againSends = false;

  /** Turns every readable outbox message into delivery rows (the outbox consumer's batches, see fanOutRows). */
  fanOut(): Promise<void> {
    return this.outbox.drain();
  }

  private async fanOutRows(rows: readonly OutboxRow[]): Promise<void> {
    const events = rows.filter((row) => row.topic === LIVE_EVENT_TOPIC).map(liveEventOf);
    if (events.length === 0) return;
    const deliveries = await this.deliveriesFor(events);
    if (deliveries.length > 0) {
      // Keyed by (target, event): a batch handed over again (a crash before the cursor was saved, or a second
      // dispatcher on the shared cursor) creates nothing twice.
      await this.insertDeliveries(deliveries);
      this.madeDeliveries = true;
    }
  }

  private async deliveriesFor(events: EventView[]): Promise<NewDelivery[]> {
    const endpoints: Endpoint[] = await this.db.webhookEndpoint.findMany({
      where: { enabled: true },
      select: { id: true, kind: true, eventsJson: true, releaseId: true, service: true },
    });
    const releases = new Map<string, ReleaseInfo | null>();
    const out: NewDelivery[] = [];
    for (const event of events) {
      if (!releases.has(event.releaseId)) releases.set(event.releaseId, await this.releaseInfo(event.releaseId));
      const release = releases.get(event.releaseId);
      if (!release) continue;
      const summary = summaryOf(release, event);
      const links = linksFor(this.options.settings.publicUrl, release.id);
      for (const endpoint of endpoints) {
        if (!matches(endpoint, event, release)) continue;
        const dedupeKey = `${endpoint.id}:${event.releaseId}:${event.seq}`;
        const wave = release.plan.waves[summary.waveIndex];
        const missingSignoffs = summary.status === "running" && (wave?.signoffs.length ?? 0) > 0;
        out.push({
          id: deliveryId(dedupeKey),
          dedupeKey,
          target: "webhook",
          endpointId: endpoint.id,
          url: null,
          releaseId: event.releaseId,
          seq: event.seq,
          eventType: event.type,
          payload: endpoint.kind === "slack" ? slackPayload(event, summary, links, missingSignoffs) : standardPayload(event, summary, links),
          eventAt: Date.parse(event.at),
        });
      }
      const hook = trafficHookOf(release.plan);
      const traffic = trafficChange(event);
      if (hook && traffic) {
        // One call per release version: the receiver's idempotency key is release + version.
        const dedupeKey = `traffic:${event.releaseId}:${event.version}`;
        out.push({
          id: deliveryId(dedupeKey),
          dedupeKey,
          target: "traffic_hook",
          endpointId: null,
          url: hook.url,
          releaseId: event.releaseId,
          seq: event.seq,
          eventType: event.type,
          payload: JSON.stringify({
            type: "traffic.changed",
            timestamp: event.at,
            data: {
              idempotencyKey: `${event.releaseId}:${event.version}`,
              release: summary,
              fromTrafficPercent: traffic.from,
              trafficPercent: traffic.to,
              cause: event.type,
              actor: event.actor,
              reason: event.reason,
              links,
            },
          }),
          eventAt: Date.parse(event.at),
        });
      }
    }
    return out;
  }

  private async releaseInfo(id: string): Promise<ReleaseInfo | null> {
    const row = await this.db.release.findUnique({ where: { id }, select: { id: true, name: true, service: true, serviceVersion: true, planJson: true } });
    if (!row) return null;
    let plan: Plan;
    try {
      plan = JSON.parse(row.planJson) as Plan;
    } catch {
      return null;
    }
    if (!Array.isArray(plan?.waves)) plan = { ...plan, waves: [] };
    return { id: row.id, name: row.name, service: row.service, serviceVersion: row.serviceVersion, plan };
  }

  private async insertDeliveries(rows: NewDelivery[]): Promise<void> {
    const d = this.dialect;
    const now = Date.now();
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const at = (v: unknown, type?: "timestamp") => {
          params.push(v);
          return d.param(params.length - 1, type);
        };
        return `(${[
          at(r.id),
          at(r.dedupeKey),
          at(r.target),
          at(r.endpointId),
          at(r.url),
          at(r.releaseId),
          at(r.seq),
          at(r.eventType),
          at(r.payload),
          "'pending'",
          "0",
          at(d.timestamp(now), "timestamp"),
          at(d.timestamp(r.eventAt), "timestamp"),
          at(d.timestamp(now), "timestamp"),
        ].join(", ")})`;
      });
      await this.db.$executeRawUnsafe(
        `INSERT INTO "WebhookDelivery" ("id", "dedupeKey", "target", "endpointId", "url", "releaseId", "seq", "eventType", "payload", "status", "attempts", "nextAttemptAt", "eventAt", "createdAt") VALUES ${values.join(", ")} ON CONFLICT ("dedupeKey") DO NOTHING`,
        ...params,
      );
    }
  }

  /** How long this dispatcher's claims last unless renewed. */
  get claimMs(): number {
    return this.options.claimMs ?? this.options.settings.claimMs ?? DEFAULT_CLAIM_MS;
  }

  /** Claims and sends due deliveries; returns how many were due. */
  async sendDue(): Promise<number> {
    const claim = await this.claimDue();
    if (!claim) return 0;
    await this.sendClaimed(claim);
    return claim.due;
  }

  /**
   * Claims due deliveries for this sender (nothing is sent): the claim's token, its rows and when it was written.
   * The claim's clock starts just before its write, so a slow due query does not shorten it.
   */
  async claimDue(): Promise<Claim | null> {
    const now = new Date();
    const due = await this.db.webhookDelivery.findMany({
      where: {
        status: "pending",
        nextAttemptAt: { lte: now },
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
        // A disabled endpoint's deliveries wait (re-enabling it resumes them); traffic hooks have no endpoint.
        AND: [{ OR: [{ target: "traffic_hook" }, { endpoint: { enabled: true } }] }],
      },
      orderBy: { nextAttemptAt: "asc" },
      take: SEND_BATCH,
      select: { id: true },
    });
    if (due.length === 0) return null;
    const token = `${this.senderId}:${randomUUID()}`;
    const claimedAt = Date.now();
    await this.db.webhookDelivery.updateMany({
      where: { id: { in: due.map((r) => r.id) }, status: "pending", OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date(claimedAt) } }] },
      data: { claimedBy: token, claimedUntil: new Date(claimedAt + this.claimMs) },
    });
    const rows = await this.db.webhookDelivery.findMany({ where: { claimedBy: token }, include: { endpoint: true } });
    return { token, claimedAt, rows, due: due.length };
  }

  /** Sends what a claim holds, renewing it meanwhile; each outcome is recorded under the claim. */
  async sendClaimed(claim: Claim): Promise<void> {
    const hold = new DeliveryClaim(this.db, claim.token, claim.rows.map((r) => r.id), claim.claimedAt, this.claimMs);
    try {
      const queue = [...claim.rows];
      // Outcomes are written in small batches as calls finish: one commit per batch, not per delivery.
      let buffer: Attempt[] = [];
      let writing: Promise<void> = Promise.resolve();
      const flush = () => {
        const batch = buffer;
        buffer = [];
        writing = writing
          .then(() => this.record(claim.token, batch))
          .catch((e) => logError("webhook deliveries failed to record", { count: batch.length, error: (e as Error).message }));
        return writing;
      };
      const workers = Array.from({ length: Math.min(this.options.concurrency ?? 16, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          // Not ours any more (taken over after our claim ran out), or not confirmed for long enough: left to the
          // next claim (stop() frees it if it is still ours).
          if (!(await hold.mayCall(next.id))) continue;
          buffer.push(await this.attempt(next, next.attempts === 0 ? "dispatch" : "retry"));
          if (buffer.length >= RECORD_BATCH) void flush();
        }
      });
      await Promise.all(workers);
      await flush();
    } finally {
      await hold.stop();
    }
  }

  /** Sends a claimed delivery once (renewing the claim meanwhile) and records the attempt under the claim. */
  async sendOne(delivery: ClaimedDelivery, token: string, trigger: "dispatch" | "retry" | "replay", claimedAt = Date.now()): Promise<DeliveryResult> {
    const hold = new DeliveryClaim(this.db, token, [delivery.id], claimedAt, this.claimMs);
    hold.calling(delivery.id);
    try {
      const attempt = await this.attempt(delivery, trigger);
      await this.record(token, [attempt]);
      return { status: attempt.status, attempts: attempt.attempts, answer: attempt.answer };
    } finally {
      await hold.stop();
    }
  }

  /** One call, and what it means for the delivery (nothing written yet). */
  private async attempt(delivery: ClaimedDelivery, trigger: "dispatch" | "retry" | "replay"): Promise<Attempt> {
    this.stats.calls++;
    const settings = this.options.settings;
    const url = (delivery.target === "traffic_hook" ? delivery.url : delivery.endpoint?.url) ?? "";
    let answer: PostAnswer;
    try {
      const secrets = delivery.target === "traffic_hook" ? [settings.hookSecret] : secretsOf(delivery.endpoint!, new Date());
      answer = await postSigned({
        url,
        id: delivery.id,
        body: delivery.payload,
        secrets,
        allowHosts: settings.allowHosts,
        extraHeaders: delivery.target === "traffic_hook" ? { "idempotency-key": delivery.dedupeKey.slice("traffic:".length) } : undefined,
      });
    } catch (e) {
      // postSigned answers every failure itself; anything else still becomes an outcome to record (a throw here
      // would leave the claim to run out and the delivery unrecorded).
      answer = { status: null, body: null, retryAfter: null, error: (e as Error).message, refused: false, latencyMs: 0 };
    }
    const outcome = outcomeOf(answer);
    const attempts = delivery.attempts + 1;
    const now = new Date();
    const schedule = delivery.target === "traffic_hook" ? settings.trafficRetryScheduleMs : settings.retryScheduleMs;
    let status: Attempt["status"] = "failed";
    let nextAttemptAt = delivery.nextAttemptAt;
    if (outcome.kind === "delivered") status = "succeeded";
    else if (outcome.kind === "retryable" && trigger !== "replay") {
      const delay = nextAttemptDelay(attempts, schedule, (this.options.random ?? Math.random)(), outcome.retryAfterMs);
      if (delay !== null) {
        status = "pending";
        nextAttemptAt = new Date(now.getTime() + delay);
      }
    }
    return { delivery, url, trigger, answer, gone: outcome.kind === "gone", status, attempts, nextAttemptAt, at: now };
  }

  /** Records attempts in one transaction (one commit for a whole batch), each only under the claim it was made with. */
  private async record(token: string, done: Attempt[]): Promise<void> {
    if (done.length === 0) return;
    const recorded = await this.db.$transaction(async (tx) => {
      const kept: Attempt[] = [];
      for (const a of done) {
        const updated = await tx.webhookDelivery.updateMany({
          where: { id: a.delivery.id, claimedBy: token },
          data: {
            status: a.status,
            attempts: a.attempts,
            nextAttemptAt: a.nextAttemptAt,
            claimedBy: null,
            claimedUntil: null,
            lastStatus: a.answer.status,
            lastResponse: a.answer.body,
            lastError: a.answer.error,
            lastLatencyMs: a.answer.latencyMs,
            ...(a.status === "succeeded" ? { deliveredAt: a.at } : {}),
          },
        });
        // The claim expired and another sender took over: it records its own attempt (this one is fenced off).
        if (updated.count === 1) kept.push(a);
        else this.stats.fenced++;
      }
      if (kept.length > 0) {
        await tx.webhookAttempt.createMany({
          data: kept.map((a) => ({
            deliveryId: a.delivery.id,
            at: a.at,
            trigger: a.trigger,
            statusCode: a.answer.status,
            responseBody: a.answer.body,
            error: a.answer.error,
            latencyMs: a.answer.latencyMs,
          })),
        });
      }
      for (const a of kept.filter((k) => k.gone && k.delivery.endpointId)) {
        await tx.webhookEndpoint.update({
          where: { id: a.delivery.endpointId! },
          data: { enabled: false, disabledReason: `The receiver answered 410 Gone on ${a.at.toISOString()}: disabled so it is not called again` },
        });
      }
      return kept;
    }, RECORD_TX);
    if (recorded.length < done.length) {
      const refused = done.filter((a) => !recorded.includes(a)).map((a) => a.delivery.id);
      logNotice("webhook outcome refused: the delivery's claim passed to another sender", { webhookIds: refused });
    }
    for (const a of recorded) {
      logWebhookDelivery({
        releaseId: a.delivery.releaseId,
        webhookId: a.delivery.id,
        url: a.url,
        eventType: a.delivery.eventType,
        seq: a.delivery.seq,
        attempt: a.attempts,
        ok: a.status === "succeeded",
        httpStatus: a.answer.status ?? undefined,
        durationMs: a.answer.latencyMs ?? undefined,
        error: a.answer.error ?? undefined,
        retryAt: a.status === "pending" ? a.nextAttemptAt.toISOString() : undefined,
      });
      if (a.delivery.target === "traffic_hook" && a.status !== "pending") {
        await recordTrafficHookOutcome(a.delivery, a.url, a.answer, a.status === "succeeded", a.attempts);
      }
    }
  }
}

interface Attempt {
  delivery: ClaimedDelivery;
  url: string;
  trigger: "dispatch" | "retry" | "replay";
  answer: PostAnswer;
  gone: boolean;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  at: Date;
}

/** A sender's claim as written: its token (the fence), when it was written, the rows it won, how many were due. */
export interface Claim {
  token: string;
  claimedAt: number;
  rows: ClaimedDelivery[];
  due: number;
}

export type ClaimedDelivery = Awaited<ReturnType<Db["webhookDelivery"]["findMany"]>>[number] & {
  endpoint: { url: string; secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null } | null;
};

export interface DeliveryResult {
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  answer: PostAnswer;
}

function outcomeOf(answer: PostAnswer): AttemptOutcome {
  if (answer.refused) return { kind: "permanent" };
  if (answer.status === null) return { kind: "retryable" };
  return classifyStatus(answer.status, answer.retryAfter, Date.now());
}

/** The current secret, and during a rotation the previous one too (receivers accept either signature). */
export function secretsOf(endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(endpoint.previousSecret);
  return secrets;
}

/** Deterministic, so two dispatchers racing on the same event agree on the webhook-id. */
function deliveryId(dedupeKey: string): string {
  return `msg_${createHash("sha256").update(dedupeKey).digest("base64url").slice(0, 26)}`;
}

function matches(endpoint: Endpoint, event: EventView, release: ReleaseInfo): boolean {
  if (endpoint.releaseId && endpoint.releaseId !== release.id) return false;
  if (endpoint.service && endpoint.service !== release.service) return false;
  if (!endpoint.eventsJson) return true;
  return (JSON.parse(endpoint.eventsJson) as string[]).includes(event.type);
}

type Snapshot = { status: string; currentWaveIndex: number; trafficPercent: number };

function summaryOf(release: ReleaseInfo, event: EventView): ReleaseSummary {
  const after = (event.after ?? null) as Snapshot | null;
  const waveIndex = after?.currentWaveIndex ?? 0;
  return {
    id: release.id,
    name: release.name,
    service: release.service,
    version: release.serviceVersion,
    status: after?.status ?? "unknown",
    waveIndex,
    waveName: release.plan.waves[waveIndex]?.name ?? null,
    waveCount: release.plan.waves.length,
    trafficPercent: after?.trafficPercent ?? 0,
  };
}

function trafficHookOf(plan: Plan): { url: string } | null {
  const hook = (plan as { trafficHook?: { url?: unknown } }).trafficHook;
  return hook && typeof hook.url === "string" ? { url: hook.url } : null;
}

function trafficChange(event: EventView): { from: number; to: number } | null {
  if (!STATE_CHANGING_EVENTS.has(event.type as AuditEventType)) return null;
  const before = event.before as Snapshot | null;
  const after = event.after as Snapshot | null;
  if (!before || !after || before.trafficPercent === after.trafficPercent) return null;
  return { from: before.trafficPercent, to: after.trafficPercent };
}
