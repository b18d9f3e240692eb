// Issue 22, programmes, against the real production server on SQLite and PostgreSQL: a plan of several tracks, each
// with its own state and flags (answered over OFREP), started in order, stopped one at a time or all at once.
import { describe, expect, it } from "vitest";
import { as } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const uniq = () => Math.random().toString(36).slice(2, 8);

async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const ramp = (key: string, name: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  ...extra,
});

interface TrackView {
  key: string;
  status: string;
  currentWaveIndex: number;
  trafficPercent: number;
  waitingFor?: string;
  waves: { checklist: { id: string }[] }[];
}

describe.each(targets)("programmes on $name", ({ baseUrl }) => {
  async function sdkKey() {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `sdk ${uniq()}`, kind: "sdk" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.token as string;
  }

  async function share(key: string, flag: string): Promise<{ value: boolean; share: number | undefined }> {
    const res = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/${flag}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ context: { targetingKey: "probe-user" } }),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return { value: body.value, share: body.metadata?.sharePercent };
  }

  async function act(id: string, action: string, track?: string) {
    const commander = await as("commander", baseUrl);
    return commander.post(`/api/releases/${id}/actions`, { action, ...(track ? { track } : {}), reason: `programme test ${action}` });
  }

  async function ok(id: string, action: string, track?: string) {
    const res = await act(id, action, track);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { status: string; version: number; tracks: TrackView[]; events: { type: string; data: { track?: string } }[] };
  }

  const trackOf = (view: { tracks: TrackView[] }, key: string) => view.tracks.find((t) => t.key === key)!;

  it("runs search then installation, refuses an early start, rolls back one track and then the whole programme", async () => {
    const admin = await as("admin", baseUrl);
    const searchFlag = `search-v2-${uniq()}`;
    const installFlag = `install-v2-${uniq()}`;
    const created = await admin.post("/api/releases", {
      name: `Search programme ${uniq()}`,
      service: "search",
      version: "2.0",
      tracks: [
        ramp("search", "Search migration", [10, 25, 50, 100], { flags: [{ key: searchFlag }] }),
        ramp("installation", "Installation", [10, 50, 75, 100], { after: { track: "search", when: "completed" }, flags: [{ key: installFlag }] }),
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body.tracks.map((t: TrackView) => [t.key, t.status, t.trafficPercent])).toEqual([
      ["search", "draft", 0],
      ["installation", "draft", 0],
    ]);
    expect(trackOf(created.body, "installation").waitingFor).toBe("Installation starts after Search migration completes");
    const key = await sdkKey();

    // A command on a programme names its track (house error shape, naming the field).
    const unnamed = await act(id, "start");
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error).toMatchObject({ code: "invalid_request", details: { field: "track", tracks: ["search", "installation"] } });

    // The second track cannot start early.
    const early = await act(id, "start", "installation");
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "track_waiting", message: "Installation starts after Search migration completes" });

    // Search, wave by wave; its flag follows its own waves, installation's stays off.
    let view = await ok(id, "start", "search");
    expect(view.events.map((e) => [e.type, e.data.track])).toEqual([["started", "search"], ["commander_changed", undefined]]);
    await eventually(async () => expect(await share(key, searchFlag)).toMatchObject({ share: 10 }));
    for (const percent of [25, 50, 100]) {
      view = await ok(id, "continue", "search");
      expect(trackOf(view, "search").trafficPercent).toBe(percent);
      await eventually(async () => expect((await share(key, searchFlag)).share).toBe(percent));
    }
    expect((await share(key, installFlag)).value).toBe(false);
    view = await ok(id, "continue", "search");
    expect(trackOf(view, "search").status).toBe("completed");
    expect(view.status).toBe("running");
    expect(trackOf(view, "installation").waitingFor).toBeUndefined();

    // Installation now starts and ramps on its own.
    await ok(id, "start", "installation");
    view = await ok(id, "continue", "installation");
    expect(trackOf(view, "installation")).toMatchObject({ status: "running", currentWaveIndex: 1, trafficPercent: 50 });
    await eventually(async () => expect((await share(key, installFlag)).share).toBe(50));

    // Rolling back installation leaves search's share alone.
    view = await ok(id, "rollback", "installation");
    expect(view.events.filter((e) => e.type === "rolled_back").map((e) => e.data.track)).toEqual(["installation"]);
    expect(trackOf(view, "search")).toMatchObject({ status: "completed", trafficPercent: 100 });
    await eventually(async () => expect((await share(key, installFlag)).value).toBe(false));
    expect(await share(key, searchFlag)).toMatchObject({ value: true, share: 100 });

    // Retried, then one ROLLBACK without a track takes the whole programme down.
    await ok(id, "retry", "installation");
    await eventually(async () => expect((await share(key, installFlag)).share).toBe(10));
    view = await ok(id, "rollback");
    expect(view.events.filter((e) => e.type === "rolled_back").map((e) => e.data.track)).toEqual(["search", "installation"]);
    expect(view.status).toBe("rolled_back");
    await eventually(async () => {
      expect((await share(key, searchFlag)).value).toBe(false);
      expect((await share(key, installFlag)).value).toBe(false);
    });

    // The audit trail says which track each event moved.
    const events = await admin.get(`/api/releases/${id}/events`);
    const moved = (events.body.events as { type: string; data: { track?: string } }[]).filter((e) => e.type === "promoted").map((e) => e.data.track);
    expect(moved).toEqual(["search", "search", "search", "installation"]);
  });

  it("a dark deploy (a step track) completes on its checklist and sign-off, then the ramp after it may start", async () => {
    const admin = await as("admin", baseUrl);
    const flag = `search-dark-${uniq()}`;
    const created = await admin.post("/api/releases", {
      name: `Dark deploy then ramp ${uniq()}`,
      service: "search",
      version: "2.1",
      tracks: [
        { key: "dark-deploy", name: "Dark deploy", kind: "step", checklist: [{ text: "Binary deployed dark on every node", ownerRole: "Operations Lead" }], signoffs: ["Operations Lead"] },
        ramp("search", "Search migration", [50, 100], { after: { track: "dark-deploy", when: "completed" }, flags: [{ key: flag }] }),
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await act(id, "start", "search")).status).toBe(409);

    await ok(id, "start", "dark-deploy");
    const blocked = await act(id, "continue", "dark-deploy");
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toMatch(/^Dark deploy: 2 gates are unmet/);

    const approver = await as("approver", baseUrl);
    const itemId = trackOf(created.body, "dark-deploy").waves[0].checklist[0].id;
    const tick = await approver.patch(`/api/releases/${id}/checklist/${itemId}`, { state: "met" });
    expect(tick.status, JSON.stringify(tick.body)).toBe(200);
    const signed = await approver.post(`/api/releases/${id}/waves/dark-deploy:0/signoffs`, { role: "Operations Lead", decision: "approve" });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);

    const done = await ok(id, "continue", "dark-deploy");
    expect(trackOf(done, "dark-deploy").status).toBe("completed");
    const started = await ok(id, "start", "search");
    expect(trackOf(started, "search")).toMatchObject({ status: "running", trafficPercent: 50 });
    expect(started.tracks.map((t) => t.status)).toEqual(["completed", "running"]);
  });

  it("a plan guardrail watches every running track: a breach (samples carry no track) pauses each running track, not a waiting one", async () => {
    const admin = await as("admin", baseUrl);
    const created = await admin.post("/api/releases", {
      name: `Guarded programme ${uniq()}`,
      service: "search",
      version: "2.2",
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "pause" }],
      tracks: [
        ramp("search", "Search migration", [10, 100]),
        ramp("ranking", "Ranking", [10, 100]),
        ramp("installation", "Installation", [10, 100], { after: { track: "search", when: "completed" } }),
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await ok(id, "start", "search");
    await ok(id, "start", "ranking");
    const token = (await admin.post("/api/tokens", { name: `pusher ${uniq()}`, releaseId: id })).body.token as string;
    const pusher = SessionClient.withToken(baseUrl, token);
    const viewer = await as("viewer", baseUrl);
    await eventually(async () => {
      const at = new Date().toISOString();
      const pushed = await pusher.post(`/api/releases/${id}/metrics`, { samples: [{ metric: "error_rate", value: 0.5, ts: at, cohort: "canary" }] });
      expect(pushed.status).toBe(202);
      const view = (await viewer.get(`/api/releases/${id}`)).body as { tracks: TrackView[] };
      expect(view.tracks.map((t) => t.status)).toEqual(["paused", "paused", "draft"]);
    }, 20_000);
    const events = (await viewer.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; data: { track?: string } }[];
    expect(events.filter((e) => e.type === "paused").map((e) => [e.actor, e.data.track])).toEqual([
      ["guardrail", "search"],
      ["guardrail", "ranking"],
    ]);
  });

  it("autoContinue works per track: the schedule promotes the track whose wave asks for it, and only that one", async () => {
    const admin = await as("admin", baseUrl);
    const auto = { key: "search", name: "Search migration", waves: [{ name: "Canary", trafficPercent: 10, autoContinue: true }, { name: "All", trafficPercent: 100 }] };
    const created = await admin.post("/api/releases", { name: `Auto programme ${uniq()}`, service: "search", version: "2.3", tracks: [auto, ramp("ranking", "Ranking", [10, 100])] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await ok(id, "start", "ranking");
    await ok(id, "start", "search");
    const viewer = await as("viewer", baseUrl);
    await eventually(async () => {
      const view = (await viewer.get(`/api/releases/${id}`)).body as { tracks: TrackView[] };
      expect(view.tracks.map((t) => [t.key, t.currentWaveIndex, t.trafficPercent])).toEqual([
        ["search", 1, 100],
        ["ranking", 0, 10],
      ]);
    }, 20_000);
    const events = (await viewer.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; data: { track?: string } }[];
    expect(events.filter((e) => e.type === "promoted").map((e) => [e.actor, e.data.track])).toEqual([["schedule", "search"]]);
  });

  it("a plan without tracks is answered exactly as before (tracks: null)", async () => {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/releases", { name: `Plain ${uniq()}`, service: "s", version: "1", waves: [{ name: "All", trafficPercent: 100 }] });
    expect(res.status).toBe(201);
    expect(res.body.tracks).toBeNull();
    expect((await ok(res.body.id, "start")).status).toBe("running");
  });
});
