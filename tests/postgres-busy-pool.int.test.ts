// A command that arrives while every pooled PostgreSQL connection is busy (a leader just woke from a freeze and its
// jobs, timers and the requests queued during the freeze all start at once) waits for a connection instead of failing
// after Prisma's default two seconds ("Unable to start a transaction in the given time"). When the database stays
// busy past the wait, the answer is 503 database_unavailable with a retry hint: nothing was changed, retry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, POSTGRES_POOL_SIZE, type Db } from "../lib/platform/db/client";
import { errorFor } from "../lib/platform/http/app-error";
import { workerTargets } from "./support/targets";

/** Holds every pooled connection in a transaction for `seconds`; resolves when all of them hold one. */
async function occupyPool(client: Db, seconds: number) {
  let holding = 0;
  let allHolding!: () => void;
  const everyOneHolds = new Promise<void>((resolve) => (allHolding = resolve));
  const held = Array.from({ length: POSTGRES_POOL_SIZE }, () =>
    client.$transaction(
      async (tx) => {
        if (++holding === POSTGRES_POOL_SIZE) allHolding();
        await tx.$executeRawUnsafe(`SELECT pg_sleep(${seconds})`);
      },
      { maxWait: 30_000, timeout: 30_000 },
    ),
  );
  await everyOneHolds;
  return Promise.all(held);
}

describe("a command while every PostgreSQL connection is busy", () => {
  let client: Db;

  beforeAll(() => {
    client = createDb(workerTargets().find((t) => t.name === "postgres")!.databaseUrl);
  });
  afterAll(async () => {
    await client?.$disconnect();
  });

  it("waits for a free connection (default transaction options) instead of failing after two seconds", async () => {
    const released = occupyPool(client, 4);
    // Every connection is taken for four seconds: longer than Prisma's own default wait for one.
    const count = await client.$transaction(async (tx) => tx.user.count());
    expect(count).toBeGreaterThan(0);
    await released;
  });

  it("answers 503 database_unavailable with a retry hint when no connection frees up in time", async () => {
    const released = occupyPool(client, 3);
    const failure = await client.$transaction(async (tx) => tx.user.count(), { maxWait: 200 }).then(
      () => null,
      (e: unknown) => e,
    );
    await released;
    expect(failure, "the pool was busy, yet the transaction started").not.toBeNull();
    const answer = errorFor(failure);
    expect(answer).toMatchObject({ status: 503, code: "database_unavailable", details: { retryAfterSeconds: expect.any(Number) } });
  });
});
