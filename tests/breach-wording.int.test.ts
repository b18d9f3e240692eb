// Issue 27: the breach gate line kept the escalation's wording ("14.6%") while the value had become much worse. On the
// real production server: a breach opened at 14.6% whose value then rises to 40% shows 40% in CONTINUE's gate line
// and in the board's alert, in the same episode (the guardrail's watch pass rewrites the stored detail).
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const { baseUrl } = workerTargets().find((t) => t.name === "sqlite")!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sample = (value: number) => ({ metric: "error_rate", value, ts: new Date().toISOString(), cohort: "canary" });

type View = { status: string; alerts: { metric: string; level: string; detail: string; openedAt: string }[]; gate: { unmet: { kind: string; message: string }[] } | null };

describe("the breach gate line on the server", () => {
  it("says the new value once it rose from 14.6% to 40%, in the same alert", async () => {
    // notify: the guardrail only tells, so the release stays in its wave with the breach open.
    const plan = simplePlan(3, { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "notify" }] });
    const release = await createStartedRelease(baseUrl, plan);
    const admin = await as("admin", baseUrl);
    const token = (await admin.post("/api/tokens", { name: `wording pusher ${Math.random()}`, releaseId: release.id })).body.token as string;
    const pusher = SessionClient.withToken(baseUrl, token);
    const viewer = await as("viewer", baseUrl);
    const breachLine = (v: View) => v.gate?.unmet.find((u) => u.kind === "breach")?.message ?? "";

    /** Pushes the value every 300 ms until the release view shows what is wanted. */
    const pushUntil = async (value: number, accept: (v: View) => boolean, timeoutMs = 60_000): Promise<View> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        expect((await pusher.post(`/api/releases/${release.id}/metrics`, { samples: [sample(value)] })).status).toBeLessThan(300);
        const view = (await viewer.get(`/api/releases/${release.id}`)).body as View;
        if (accept(view)) return view;
        if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify({ alerts: view.alerts, gate: view.gate })}`);
        await sleep(300);
      }
    };

    const opened = await pushUntil(0.146, (v) => breachLine(v).includes("14.6%"));
    expect(breachLine(opened)).toMatch(/^Critical breach active: error_rate 14\.6% > critical 10%/);
    const openedAt = opened.alerts[0]!.openedAt;

    // The 10 s window fills with 40%: the line follows. The detail is rewritten when the value moved by a tenth or
    // more, so while the window's mean climbs the line may settle within a tenth of 40% (36% or more).
    const shown = (v: View) => Number(/error_rate ([\d.]+)% > critical/.exec(breachLine(v))?.[1] ?? Number.NaN);
    const worse = await pushUntil(0.4, (v) => shown(v) >= 36);
    expect(breachLine(worse)).toMatch(/^Critical breach active: error_rate (3[6-9](\.\d+)?|40)% > critical 10%/);
    expect(breachLine(worse)).not.toContain("14.6%");
    expect(worse.alerts).toHaveLength(1);
    expect(worse.alerts[0]).toMatchObject({ metric: "error_rate", level: "critical", openedAt });
    expect(worse.alerts[0]!.detail).toBe(breachLine(worse).replace("Critical breach active: ", ""));
    const events = (await viewer.get(`/api/releases/${release.id}/events`)).body.events as { type: string }[];
    expect(events.filter((e) => e.type === "breach")).toHaveLength(1);
  }, 180_000);
});
