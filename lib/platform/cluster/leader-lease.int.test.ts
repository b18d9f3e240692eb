// The leader lease and its fencing token on a real PostgreSQL: one holder of the advisory lock at a time, a takeover
// when the holder's session ends, a new epoch each time, and a write under an old epoch refused inside its
// transaction, including one that raced the takeover.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyPostgresDatabase, postgresDatabaseUrl } from "../../../tests/support/postgres-database";

const NAME = "tidegate_lease_test";
const url = postgresDatabaseUrl(NAME);
// db() and isPostgres() read DATABASE_URL: point this process at the test database before any use.
process.env.DATABASE_URL = url;

const { applyMigrations } = await import("../db/apply-migrations");
const { db } = await import("../db/client");
const { LeaderLease } = await import("./leader-lease");
const { checkFence, FencedOut } = await import("./fence");
type Leadership = import("./leader-lease").Leadership;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const leases: InstanceType<typeof LeaderLease>[] = [];

function lease(id: string) {
  process.env.TIDEGATE_INSTANCE_ID = id;
  const seen: Leadership[] = [];
  const l = new LeaderLease(url, (now) => seen.push(now));
  leases.push(l);
  l.start();
  return { l, seen };
}

async function until(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met");
    await sleep(50);
  }
}

beforeAll(async () => {
  await emptyPostgresDatabase(NAME);
  await applyMigrations(url);
});

afterAll(async () => {
  await Promise.all(leases.map((l) => l.stop()));
  await db().$disconnect();
});

describe("leader lease with a fencing epoch", () => {
  it("elects one leader, hands over when its session ends, and fences the old epoch", async () => {
    const a = lease("lease-a");
    await until(() => a.l.leadership().leads);
    const b = lease("lease-b");
    await sleep(2500); // several retries of b
    expect(b.l.leadership().leads).toBe(false);
    const first = a.l.leadership().epoch!;
    await db().$transaction((tx) => checkFence(tx, first)); // the current epoch writes

    // The leader's session ends (as when its process dies or PostgreSQL ends a silent session): b takes over.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tidegate-leader:lease-a'");
    await until(() => b.l.leadership().leads, 15_000); // the bound for a takeover (its target is 5 s; a loaded CI machine may need more)
    const second = b.l.leadership().epoch!;
    expect(second).toBe(first + 1);
    await until(() => !a.l.leadership().leads, 5_000);
    await expect(db().$transaction((tx) => checkFence(tx, first))).rejects.toBeInstanceOf(FencedOut);
    await db().$transaction((tx) => checkFence(tx, second));
    await admin.end();
  });

  it("orders a fenced write that is in flight during a takeover before the takeover, and refuses it after", async () => {
    const current = await db().clusterLease.findUniqueOrThrow({ where: { name: "leader" } });
    // A write under the current epoch holds the lease row FOR SHARE until it commits...
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let checked!: () => void;
    const inside = new Promise<void>((r) => (checked = r));
    const write = db().$transaction(
      async (tx) => {
        await checkFence(tx, current.epoch);
        checked();
        await held;
      },
      { timeout: 20_000 },
    );
    await inside;
    // ...so a takeover (the epoch update) waits for it.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let tookOver = false;
    const takeover = admin.query(`UPDATE "ClusterLease" SET epoch = epoch + 1 WHERE name = 'leader'`).then(() => (tookOver = true));
    await sleep(500);
    expect(tookOver).toBe(false);
    commit();
    await write;
    await takeover;
    expect(tookOver).toBe(true);
    // The same epoch's next write is refused.
    await expect(db().$transaction((tx) => checkFence(tx, current.epoch))).rejects.toBeInstanceOf(FencedOut);
    await admin.end();
  });
});
