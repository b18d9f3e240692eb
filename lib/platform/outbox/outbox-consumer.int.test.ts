// The outbox consumer on a real SQLite database, fed by the real writer (appendEvents in a transaction): it starts
// after what is already there, takes the next positions from memory, reads when there is a hole, resumes from its
// stored cursor after a restart, and hands a batch over again when its handler failed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "tidegate-outbox-"));
const url = `file:${path.join(dir, "outbox.db")}`;
// appendEvents asks DATABASE_URL which database it writes to.
process.env.DATABASE_URL = url;

const { applyMigrations } = await import("../db/apply-migrations");
const { createDb } = await import("../db/client");
const { appendEvents } = await import("./append-events");
const { OutboxConsumer } = await import("./outbox-consumer");

const client = createDb(url);
const RELEASE = "consumer-release";
let seq = 0;

/** One committed transaction with one event, as the write path makes it; returns the committed signal's messages. */
const commit = () => {
  seq++;
  return client.$transaction((tx) =>
    appendEvents(tx, RELEASE, seq, seq + 1, [{ type: "paused", actor: "t", reason: null, at: new Date(), before: null, after: null, data: {} }], null),
  );
};

const consumerOf = (got: number[], handle?: (seqs: number[]) => void) =>
  new OutboxConsumer({
    name: "test-consumer",
    client: () => client,
    dialect: "sqlite",
    handle: (rows) => {
      const seqs = rows.map((r) => r.seq);
      handle?.(seqs);
      got.push(...seqs);
    },
  });

beforeAll(async () => {
  await applyMigrations(url);
  await client.release.create({ data: { id: RELEASE, name: "n", service: "s", serviceVersion: "1", planJson: "{}", status: "running", createdBy: "t" } });
});
afterAll(async () => {
  await client.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("outbox consumer on SQLite", () => {
  const got: number[] = [];
  const consumer = consumerOf(got);

  it("starts after the messages already there (history is not replayed)", async () => {
    await commit();
    await commit();
    await consumer.drain();
    expect(got).toEqual([]);
  });

  it("takes the next positions from memory, at once, and reads when there is a hole", async () => {
    consumer.offer(await commit());
    expect(got).toEqual([3]); // synchronously: no read back
    await commit(); // 4: its signal is lost
    consumer.offer(await commit()); // 5 is not next: a read, which finds 4 and 5
    await consumer.idle();
    expect(got).toEqual([3, 4, 5]);
  });

  it("resumes from the stored cursor after a restart, and hands a failed batch over again", async () => {
    await consumer.drain();
    consumer.stop();
    await commit(); // 6, committed while no consumer runs
    const again: number[] = [];
    let failures = 0;
    const restarted = consumerOf(again, (seqs) => {
      if (seqs.includes(7) && failures++ === 0) throw new Error("handler failed once");
    });
    await restarted.drain();
    expect(again).toEqual([6]);
    restarted.offer(await commit()); // 7: the handler throws, the cursor stays, a pass hands it over again
    await restarted.idle();
    await expect.poll(() => again).toEqual([6, 7]);
    restarted.stop();
  });
});
