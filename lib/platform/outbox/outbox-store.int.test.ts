// readOutbox on a real PostgreSQL: delivery order is (txid, position) as numbers, also across a change in the number
// of digits (a text order put transaction 1014 before 992 and the consumer refused its batch), and only after the
// cursor and below the snapshot horizon.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../db/apply-migrations";
import { createDb, type Db } from "../db/client";
import { readOutbox } from "./outbox-store";
import { eventually } from "../../../tests/support/poll";
import { emptyPostgresDatabase, postgresDatabaseUrl } from "../../../tests/support/postgres-database";

const url = postgresDatabaseUrl("tidegate_outbox_store");
let client: Db;

beforeAll(async () => {
  await emptyPostgresDatabase("tidegate_outbox_store");
  await applyMigrations(url);
  client = createDb(url);
  await client.release.create({ data: { id: "r", name: "n", service: "s", serviceVersion: "1", planJson: "{}", status: "running", createdBy: "t" } });
  // Finished transactions' messages (ids far below any running one), written out of order, with 1-3 digit ids.
  await client.$executeRawUnsafe(
    `INSERT INTO "OutboxMessage" ("releaseId", "seq", "topic", "payload", "txid") VALUES ('r', 1, 't', '{}', 99), ('r', 2, 't', '{}', 100), ('r', 3, 't', '{}', 9), ('r', 4, 't', '{}', 99), ('r', 5, 't', '{}', 100)`,
  );
});
afterAll(async () => {
  await client?.$disconnect();
});

const order = async (after: { txid: bigint; position: number }, limit = 10) =>
  (await readOutbox(client, "postgres", after, limit)).map((r) => `${r.txid}:${r.position}`);

describe("readOutbox on PostgreSQL", () => {
  it("reads in numeric (txid, position) order, after the cursor", async () => {
    expect(await order({ txid: 0n, position: 0 })).toEqual(["9:3", "99:1", "99:4", "100:2", "100:5"]);
    expect(await order({ txid: 99n, position: 1 })).toEqual(["99:4", "100:2", "100:5"]);
    expect(await order({ txid: 0n, position: 0 }, 2)).toEqual(["9:3", "99:1"]);
  });

  it("leaves out messages of a transaction still running, and what follows it", async () => {
    const held = new pg.Client({ connectionString: url });
    await held.connect();
    try {
      await held.query("BEGIN");
      await held.query(`INSERT INTO "OutboxMessage" ("releaseId", "seq", "topic", "payload", "txid") VALUES ('r', 6, 't', '{}', pg_current_xact_id()::text::bigint)`);
      await client.$executeRawUnsafe(`INSERT INTO "OutboxMessage" ("releaseId", "seq", "topic", "payload", "txid") VALUES ('r', 7, 't', '{}', pg_current_xact_id()::text::bigint)`);
      expect(await order({ txid: 100n, position: 5 })).toEqual([]); // 7 committed, but after the running 6
      await held.query("COMMIT");
      // Both, in order, once no older transaction runs anywhere in the cluster: other test files share it, and one
      // of their writes still running holds the horizon for a moment (a stall, as a late commit is; never a skip).
      const seqs = async () => (await readOutbox(client, "postgres", { txid: 100n, position: 5 }, 10)).map((r) => r.seq);
      expect(await eventually(seqs, (s) => s.length >= 2, 30_000, 50)).toEqual([6, 7]);
    } finally {
      await held.end();
    }
  });
});
