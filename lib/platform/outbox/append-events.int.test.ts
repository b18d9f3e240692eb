// appendEvents on a real PostgreSQL: messages are stamped with the writing transaction's id, and a transaction that
// took its id before the one that wrote the release's previous event is refused (OutboxOrderRace, retried by the
// write path), because consumers read in transaction id order and would otherwise see the release's events swapped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerTargets } from "../../../tests/support/targets";

const pgUrl = workerTargets().find((t) => t.name === "postgres")!.databaseUrl;
// db() reads DATABASE_URL when it first creates the client: point this process at PostgreSQL before any use.
process.env.DATABASE_URL = pgUrl;

const { db } = await import("../db/client");
const { appendEvents, OutboxOrderRace } = await import("./append-events");

const RELEASE = `append-order-${Date.now()}`;
const paused = (at: Date) => ({ type: "paused" as const, actor: "t", reason: null, at, before: null, after: null, data: {} });

beforeAll(async () => {
  await db().release.create({ data: { id: RELEASE, name: "n", service: "s", serviceVersion: "1", planJson: "{}", status: "running", createdBy: "t" } });
});
afterAll(async () => {
  await db().release.delete({ where: { id: RELEASE } });
  await db().$disconnect();
});

describe("appendEvents on PostgreSQL", () => {
  it("stamps each message with its transaction's id", async () => {
    const { txid, written } = await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ txid: string }[]>(`SELECT pg_current_xact_id()::text AS txid`);
      return { txid: BigInt(row!.txid), written: await appendEvents(tx, RELEASE, 1, 2, [paused(new Date())], null) };
    });
    expect(written.map((m) => m.txid)).toEqual([txid]);
    const stored = await db().outboxMessage.findMany({ where: { releaseId: RELEASE } });
    expect(stored.map((m) => m.txid)).toEqual([txid]);
  });

  it("refuses a transaction older than the one that wrote the release's previous event", async () => {
    let tookId!: () => void;
    const older = new Promise<void>((r) => (tookId = r));
    let go!: () => void;
    const proceed = new Promise<void>((r) => (go = r));
    // The older transaction takes its id first (as a leader's fence check does), then waits ...
    const late = db()
      .$transaction(async (tx) => {
        await tx.$queryRawUnsafe(`SELECT pg_current_xact_id()::text`);
        tookId();
        await proceed;
        return appendEvents(tx, RELEASE, 3, 4, [paused(new Date())], null);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    await older;
    // ... while a younger one writes seq 2 and commits.
    await db().$transaction((tx) => appendEvents(tx, RELEASE, 2, 3, [paused(new Date())], null));
    go();
    expect(await late).toBeInstanceOf(OutboxOrderRace);
    // A new transaction (a retry) is younger than every finished one: accepted.
    await db().$transaction((tx) => appendEvents(tx, RELEASE, 3, 4, [paused(new Date())], null));
    const seqs = (await db().outboxMessage.findMany({ where: { releaseId: RELEASE }, orderBy: [{ txid: "asc" }, { position: "asc" }] })).map((m) => m.seq);
    expect(seqs).toEqual([1, 2, 3]);
  });
});
