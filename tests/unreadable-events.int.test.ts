// Stored events that no longer read under today's event registry (damaged JSON, a retired type, data of an old
// shape) must not take a screen's API down: the events list, the report and the incidents still answer, and the
// readers that decide on data skip them. Real server, SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, createStartedRelease } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

describe.each(targets)("unreadable stored events on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());

  it("are listed as stored, and the report and incidents still answer", async () => {
    const release = await createStartedRelease(baseUrl);
    const id = release.id as string;
    const row = await direct.release.findUniqueOrThrow({ where: { id } });
    const base = { releaseId: id, version: row.version, actor: "someone@test.local", at: new Date(), reason: null };
    await direct.releaseEvent.createMany({
      data: [
        { ...base, seq: row.lastSeq + 1, type: "paused", dataJson: "{damaged" },
        { ...base, seq: row.lastSeq + 2, type: "retired_type", dataJson: '{"x":1}' },
        { ...base, seq: row.lastSeq + 3, type: "rolled_back", dataJson: '{"fromTraffic":"lots"}' },
      ],
    });
    const viewer = await as("viewer", baseUrl);
    const events = await viewer.get(`/api/releases/${id}/events`);
    expect(events.status, JSON.stringify(events.body)).toBe(200);
    const stored = (events.body.events as { seq: number; type: string; data: unknown }[]).slice(-3);
    expect(stored.map((e) => [e.type, e.data])).toEqual([
      ["paused", {}],
      ["retired_type", { x: 1 }],
      ["rolled_back", { fromTraffic: "lots" }],
    ]);
    const report = await viewer.get(`/api/releases/${id}/report`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    // The malformed rollback counts for nothing: the report still tells a running release.
    expect(report.body.scorecard.lines.find((l: { label: string }) => l.label === "Rollbacks")?.actual).toBe("0");
    expect((await viewer.get(`/api/releases/${id}/report?format=markdown`)).status).toBe(200);
    expect((await viewer.get(`/api/releases/${id}/incidents`)).status).toBe(200);
    expect((await viewer.get(`/api/releases/${id}`)).status).toBe(200);
  });
});
