// Tests for alert episodes: opening, escalation, hysteresis on recovery, flapping, and once-per-episode actions.
import { describe, it, expect } from "vitest";
import { GuardrailSchema, type Guardrail } from "../../plans/core/plan";
import { decideAlert, type AlertEvent, type OpenAlert } from "./alerts";
import { evaluateGuardrail, type GuardrailEvaluation } from "./evaluate";
import type { Bucket } from "./rollup";

const NOW = 1_800_000_000_000;
const B = 10_000;
const sec = (s: number) => s * 1000;

const g: Guardrail = GuardrailSchema.parse({
  metric: "error_rate",
  comparator: ">",
  warning: 0.05,
  critical: 0.1,
  forSeconds: 60,
  windowSeconds: 60,
  onCritical: "rollback",
});

function ev(level: GuardrailEvaluation["level"], sustainedCritical = false): GuardrailEvaluation {
  return {
    metric: "error_rate",
    level,
    observed: level === "inconclusive" ? null : 0.5,
    canaryValue: level === "inconclusive" ? null : 0.5,
    baselineValue: null,
    threshold: null,
    sustainedCritical,
    criticalSince: level === "critical" ? NOW : null,
    detail: `detail:${level}`,
  };
}

/** What the caller stores when the command path committed the action: the episode has acted. */
const committed = (alert: OpenAlert | null, action: string | null, at: number): OpenAlert | null =>
  action && alert ? { ...alert, actedAt: at } : alert;

/** Feeds evaluations one per 10 s through decideAlert, storing the alert like the caller would. */
function run(evaluations: GuardrailEvaluation[], start = NOW, initial: OpenAlert | null = null) {
  let alert = initial;
  const events: { at: number; event: AlertEvent }[] = [];
  const actions: { at: number; action: string }[] = [];
  const alerts: (OpenAlert | null)[] = [];
  evaluations.forEach((e, i) => {
    const at = start + i * B;
    const d = decideAlert(alert, e, at, g);
    alert = committed(d.alert, d.action, at);
    alerts.push(alert);
    for (const event of d.events) events.push({ at, event });
    if (d.action) actions.push({ at, action: d.action });
  });
  return { alert, events, actions, alerts };
}

describe("decideAlert: opening", () => {
  it("opens nothing while healthy", () => {
    expect(decideAlert(null, ev("ok"), NOW, g)).toEqual({ alert: null, events: [], action: null });
    expect(decideAlert(undefined, ev("ok"), NOW, g)).toEqual({ alert: null, events: [], action: null });
  });

  it("opens a warning alert with a breach event and no action", () => {
    const d = decideAlert(null, ev("warning"), NOW, g);
    // The alert keeps the value its detail describes (issue 27: the watch rewrites a detail the value moved far from).
    expect(d.alert).toEqual({ metric: "error_rate", level: "warning", openedAt: NOW, healthySince: null, actedAt: null, detailValue: 0.5 });
    expect(d.events).toEqual([{ type: "breach", level: "warning", detail: "detail:warning" }]);
    expect(d.action).toBeNull();
  });

  it("opens a critical alert without acting while the breach is not yet sustained", () => {
    const d = decideAlert(null, ev("critical", false), NOW, g);
    expect(d.alert?.level).toBe("critical");
    expect(d.events).toEqual([{ type: "breach", level: "critical", detail: "detail:critical" }]);
    expect(d.action).toBeNull();
    expect(d.alert?.actedAt).toBeNull();
  });

  it("asks for the guardrail's onCritical when the breach is sustained, leaving actedAt to the committed action", () => {
    const d = decideAlert(null, ev("critical", true), NOW, g);
    expect(d.action).toBe("rollback");
    expect(d.alert?.actedAt).toBeNull();
    // Not committed (the machine refused it): the next evaluation asks again.
    expect(decideAlert(d.alert, ev("critical", true), NOW + B, g).action).toBe("rollback");
    const pause = decideAlert(null, ev("critical", true), NOW, { ...g, onCritical: "pause" });
    expect(pause.action).toBe("pause");
  });

  it("opens an inconclusive alert when there is no data", () => {
    const d = decideAlert(null, ev("inconclusive"), NOW, g);
    expect(d.alert?.level).toBe("inconclusive");
    expect(d.events).toEqual([{ type: "inconclusive", detail: "detail:inconclusive" }]);
    expect(d.action).toBeNull();
  });

  it("refuses to mix metrics", () => {
    const other = { ...ev("ok"), metric: "latency_p95_ms" };
    expect(() => decideAlert(null, other, NOW, g)).toThrow(/mixed metrics/);
  });
});

describe("decideAlert: level changes", () => {
  const open = (level: OpenAlert["level"]): OpenAlert => ({ metric: "error_rate", level, openedAt: NOW - sec(60), healthySince: null, actedAt: null });

  it("emits escalated when a warning becomes critical", () => {
    const d = decideAlert(open("warning"), ev("critical"), NOW, g);
    expect(d.events).toEqual([{ type: "escalated", from: "warning", to: "critical", detail: "detail:critical" }]);
    expect(d.alert).toMatchObject({ level: "critical", openedAt: NOW - sec(60) });
  });

  it("emits a breach when an inconclusive episode turns into a real breach", () => {
    const d = decideAlert(open("inconclusive"), ev("critical"), NOW, g);
    expect(d.events).toEqual([{ type: "breach", level: "critical", detail: "detail:critical" }]);
    expect(d.alert?.level).toBe("critical");
  });

  it("keeps the worst level and stays quiet when critical eases to warning", () => {
    const d = decideAlert(open("critical"), ev("warning"), NOW, g);
    expect(d.events).toEqual([]);
    expect(d.alert?.level).toBe("critical");
  });

  it("keeps a breach open, quietly, when data goes missing, and restarts the healthy period", () => {
    const d = decideAlert({ ...open("critical"), healthySince: NOW - sec(30) }, ev("inconclusive"), NOW, g);
    expect(d.events).toEqual([]);
    expect(d.alert).toMatchObject({ level: "critical", healthySince: null });
  });

  it("emits nothing while the level holds", () => {
    expect(decideAlert(open("warning"), ev("warning"), NOW, g).events).toEqual([]);
    expect(decideAlert(open("critical"), ev("critical"), NOW, g).events).toEqual([]);
  });
});

describe("decideAlert: recovery with hysteresis", () => {
  it("closes only after the metric has been ok for a full windowSeconds", () => {
    const openAlert: OpenAlert = { metric: "error_rate", level: "critical", openedAt: NOW - sec(120), healthySince: null, actedAt: NOW - sec(60) };
    const first = decideAlert(openAlert, ev("ok"), NOW, g);
    expect(first.alert).toMatchObject({ level: "critical", healthySince: NOW, actedAt: NOW - sec(60) });
    expect(first.events).toEqual([]);

    const almost = decideAlert(first.alert, ev("ok"), NOW + sec(59), g);
    expect(almost.alert).not.toBeNull();
    expect(almost.alert?.healthySince).toBe(NOW);
    expect(almost.events).toEqual([]);

    const done = decideAlert(almost.alert, ev("ok"), NOW + sec(60), g);
    expect(done.alert).toBeNull();
    expect(done.action).toBeNull();
    expect(done.events).toHaveLength(1);
    expect(done.events[0].type).toBe("recovery");
    expect(done.events[0].detail).toBe("error_rate recovered: healthy for 60s, 3m after the critical alert opened; detail:ok");
  });

  it("closes an inconclusive alert the same way once data shows health", () => {
    const r = run([ev("inconclusive"), ...Array.from({ length: 7 }, () => ev("ok"))]);
    expect(r.events.map((e) => e.event.type)).toEqual(["inconclusive", "recovery"]);
    expect(r.events[1].at).toBe(NOW + sec(70)); // first ok at +10 s, healthy for 60 s at +70 s
    expect(r.alert).toBeNull();
  });
});

describe("decideAlert: flapping and actions", () => {
  it("keeps one alert and acts once while the level flaps between ok and sustained critical", () => {
    const flapping = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? ev("critical", true) : ev("ok")));
    const r = run(flapping);
    expect(r.events.map((e) => e.event.type)).toEqual(["breach"]);
    expect(r.actions).toEqual([{ at: NOW, action: "rollback" }]);
    expect(r.alerts.every((a) => a !== null && a.openedAt === NOW)).toBe(true);
  });

  it("keeps one alert through slower flaps shorter than the window (30 s bad, 30 s good)", () => {
    const pattern = Array.from({ length: 60 }, (_, i) => (Math.floor(i / 3) % 2 === 0 ? ev("critical", i > 6) : ev("ok")));
    const r = run(pattern);
    expect(r.events.map((e) => e.event.type)).toEqual(["breach"]);
    expect(r.actions).toHaveLength(1);
  });

  it("returns the action exactly once per episode, and again in a new episode after recovery", () => {
    const episode = [ev("critical", false), ev("critical", true), ev("critical", true), ev("critical", true)];
    const healthy = Array.from({ length: 7 }, () => ev("ok"));
    const r = run([...episode, ...healthy, ...episode]);
    expect(r.events.map((e) => e.event.type)).toEqual(["breach", "recovery", "breach"]);
    expect(r.actions).toEqual([
      { at: NOW + B, action: "rollback" },
      { at: NOW + sec(120), action: "rollback" },
    ]);
  });

  it("acts when a warning escalates straight into a sustained critical, once", () => {
    const r = run([ev("warning"), ev("critical", true), ev("critical", true)]);
    expect(r.events.map((e) => e.event.type)).toEqual(["breach", "escalated"]);
    expect(r.actions).toEqual([{ at: NOW + B, action: "rollback" }]);
  });

  it("does not act again for a stored alert that already acted", () => {
    const acted: OpenAlert = { metric: "error_rate", level: "critical", openedAt: NOW - sec(300), healthySince: null, actedAt: NOW - sec(200) };
    const d = decideAlert(acted, ev("critical", true), NOW, g);
    expect(d.action).toBeNull();
    expect(d.alert?.actedAt).toBe(NOW - sec(200));
  });

  it("end to end: alternating good and bad buckets give one alert and one action", () => {
    // 10 s window over 20 s bad / 20 s good: the evaluation keeps flipping between critical and ok,
    // never ok for the 10 s it would take to recover.
    const fast: Guardrail = { ...g, windowSeconds: 10, forSeconds: 0 };
    const buckets: Bucket[] = [];
    let alert: OpenAlert | null = null;
    const events: AlertEvent[] = [];
    const actions: string[] = [];
    const levels: string[] = [];
    for (let i = 0; i < 40; i++) {
      const start = NOW + i * B;
      const v = i % 4 < 2 ? 0.9 : 0;
      buckets.push({ start, count: 1, sum: v, min: v, max: v });
      const at = start + 5000; // mid-bucket, so the window holds just this bucket and the previous one
      const e = evaluateGuardrail(fast, buckets, [], at);
      levels.push(e.level);
      const d = decideAlert(alert, e, at, fast);
      alert = committed(d.alert, d.action, at);
      events.push(...d.events);
      if (d.action) actions.push(d.action);
    }
    expect(levels.filter((l) => l === "ok")).toHaveLength(10);
    expect(levels.filter((l) => l === "critical")).toHaveLength(30);
    expect(events.map((e) => e.type)).toEqual(["breach"]);
    expect(actions).toEqual(["rollback"]);
    expect(alert).not.toBeNull();
  });

  it("end to end: a single spike against forSeconds 300 opens and closes an alert but never acts", () => {
    const slow: Guardrail = { ...g, forSeconds: 300 };
    const buckets: Bucket[] = [];
    let alert: OpenAlert | null = null;
    const events: AlertEvent[] = [];
    const actions: string[] = [];
    for (let i = 0; i < 80; i++) {
      const start = NOW + i * B;
      const v = i === 40 ? 1 : 0.01;
      buckets.push({ start, count: 1, sum: v, min: v, max: v });
      const d = decideAlert(alert, evaluateGuardrail(slow, buckets, [], start), start, slow);
      alert = committed(d.alert, d.action, start);
      events.push(...d.events);
      if (d.action) actions.push(d.action);
    }
    expect(events.map((e) => e.type)).toEqual(["breach", "recovery"]);
    expect(actions).toEqual([]);
    expect(alert).toBeNull();
  });

  it("end to end: a breach held for 300 s rolls back exactly once", () => {
    const slow: Guardrail = { ...g, forSeconds: 300 };
    const buckets: Bucket[] = [];
    let alert: OpenAlert | null = null;
    const actions: number[] = [];
    for (let i = 0; i < 120; i++) {
      const start = NOW + i * B;
      const v = i >= 30 ? 0.4 : 0.01;
      buckets.push({ start, count: 1, sum: v, min: v, max: v });
      const d = decideAlert(alert, evaluateGuardrail(slow, buckets, [], start), start, slow);
      alert = committed(d.alert, d.action, start);
      if (d.action) actions.push(start);
    }
    expect(actions).toHaveLength(1);
    const breachStart = NOW + 30 * B;
    expect(actions[0] - breachStart).toBeGreaterThanOrEqual(sec(300));
    expect(actions[0] - breachStart).toBeLessThanOrEqual(sec(360));
  });
});
