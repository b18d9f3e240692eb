// Tests for all-or-nothing validation of ingestion batches, including a seeded fuzz test.
import { describe, it, expect } from "vitest";
import { BUILT_IN_METRICS } from "../../plans/core/plan";
import { parseSampleBatch, type ParseSampleBatchOptions } from "./samples";
import { pick, prng } from "./test-prng";

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY = 86_400_000;
const knownMetrics = new Set<string>([...BUILT_IN_METRICS, "checkout_failures"]);
const opts: ParseSampleBatchOptions = { knownMetrics, now: NOW };
const iso = (ms: number) => new Date(ms).toISOString();

function errorsOf(body: unknown, o: ParseSampleBatchOptions = opts) {
  const r = parseSampleBatch(body, o);
  if (r.ok) throw new Error(`expected rejection, got ${JSON.stringify(r.samples)}`);
  return r.errors;
}

/** One sample in an otherwise valid body; returns the errors for it. */
function errorsForSample(sample: unknown) {
  return errorsOf({ samples: [sample] });
}

describe("parseSampleBatch: request counts", () => {
  it("keeps a sample's count and refuses one that is not a whole number of requests from 1 to 1e9", () => {
    const r = parseSampleBatch({ samples: [{ metric: "error_rate", value: 0.01, ts: NOW, count: 2400 }, { metric: "error_rate", value: 0.02, ts: NOW }] }, opts);
    expect(r.ok && r.samples.map((s) => s.count)).toEqual([2400, undefined]);
    for (const bad of [0, -1, 1.5, 1e9 + 1, "10", null]) {
      expect(errorsForSample({ metric: "error_rate", value: 0.01, ts: NOW, count: bad })).toEqual([
        { index: 0, field: "count", message: expect.stringContaining("count must be a whole number of requests from 1 to 1000000000") },
      ]);
    }
  });
});

describe("parseSampleBatch: accepted batches", () => {
  it("parses ISO and epoch timestamps, defaults the cohort to canary", () => {
    const r = parseSampleBatch(
      {
        samples: [
          { metric: "error_rate", value: 0.012, ts: "2026-03-10T11:59:00Z" },
          { metric: "latency_p95_ms", value: 230, ts: NOW - 1000, cohort: "baseline" },
          { metric: "memory_mb", value: 0, ts: "2026-03-10T13:59:30.500+02:00", cohort: "canary" },
          { metric: "checkout_failures", value: 3, ts: NOW },
        ],
      },
      opts,
    );
    expect(r).toEqual({
      ok: true,
      samples: [
        { metric: "error_rate", value: 0.012, ts: NOW - 60_000, cohort: "canary" },
        { metric: "latency_p95_ms", value: 230, ts: NOW - 1000, cohort: "baseline" },
        { metric: "memory_mb", value: 0, ts: NOW - 29_500, cohort: "canary" },
        { metric: "checkout_failures", value: 3, ts: NOW, cohort: "canary" },
      ],
    });
  });

  it("accepts ratio bounds 0 and 1, timestamps at the future allowance and at the 7-day limit", () => {
    const r = parseSampleBatch(
      {
        samples: [
          { metric: "success_rate", value: 1, ts: NOW + 5 * 60_000 },
          { metric: "error_rate", value: 0, ts: NOW - 7 * DAY },
        ],
      },
      opts,
    );
    expect(r.ok).toBe(true);
  });

  it("accepts exactly maxSamples", () => {
    const samples = Array.from({ length: 3 }, () => ({ metric: "error_rate", value: 0.1, ts: NOW }));
    expect(parseSampleBatch({ samples }, { ...opts, maxSamples: 3 }).ok).toBe(true);
  });

  it("honours a custom maxFutureMs", () => {
    const body = { samples: [{ metric: "error_rate", value: 0.1, ts: NOW + 2000 }] };
    expect(parseSampleBatch(body, { ...opts, maxFutureMs: 1000 }).ok).toBe(false);
    expect(parseSampleBatch(body, { ...opts, maxFutureMs: 2000 }).ok).toBe(true);
  });
});

describe("parseSampleBatch: body shape", () => {
  it.each([
    ["null", null],
    ["a string", "samples"],
    ["an array", [{ metric: "error_rate", value: 0.1, ts: NOW }]],
    ["a number", 42],
  ])("rejects a body that is %s", (_, body) => {
    const errors = errorsOf(body);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: null, field: "body" });
    expect(errors[0].message).toMatch(/^body must be an object/);
  });

  it("rejects missing, non-array and empty samples", () => {
    expect(errorsOf({})).toEqual([{ index: null, field: "samples", message: "samples is missing" }]);
    expect(errorsOf({ samples: { metric: "error_rate" } })).toEqual([
      { index: null, field: "samples", message: 'samples must be an array, got {"metric":"error_rate"}' },
    ]);
    expect(errorsOf({ samples: [] })).toEqual([{ index: null, field: "samples", message: "samples is empty; send at least one sample" }]);
  });

  it("rejects an oversized batch with a single error", () => {
    const samples = Array.from({ length: 10_001 }, () => ({ metric: "nope", value: -1, ts: "x" }));
    expect(errorsOf({ samples })).toEqual([
      { index: null, field: "samples", message: "samples has 10001 entries; at most 10000 are allowed per batch" },
    ]);
    expect(errorsOf({ samples: samples.slice(0, 4) }, { ...opts, maxSamples: 3 })).toHaveLength(1);
  });

  it("rejects unknown fields next to samples", () => {
    const errors = errorsOf({ samples: [{ metric: "error_rate", value: 0.1, ts: NOW }], source: "agent" });
    expect(errors).toEqual([{ index: null, field: "source", message: 'unknown field "source" in body (only "samples" is allowed)' }]);
  });
});

describe("parseSampleBatch: per-sample reasons", () => {
  const good = { metric: "error_rate", value: 0.1, ts: NOW };

  it.each([
    ["null", null, "sample must be an object, got null"],
    ["a number", 7, "sample must be an object, got 7"],
    ["an array", [1, 2], "sample must be an object, got [1,2]"],
  ])("rejects a sample that is %s", (_, sample, message) => {
    expect(errorsForSample(sample)).toEqual([{ index: 0, field: "sample", message }]);
  });

  it("rejects unknown and missing metrics", () => {
    expect(errorsForSample({ ...good, metric: "error_rat" })).toEqual([
      { index: 0, field: "metric", message: 'metric "error_rat" is not a known metric for this plan' },
    ]);
    expect(errorsForSample({ value: 0.1, ts: NOW })).toEqual([{ index: 0, field: "metric", message: "metric is missing" }]);
    expect(errorsForSample({ ...good, metric: 12 })).toEqual([{ index: 0, field: "metric", message: "metric must be a string, got 12" }]);
  });

  it.each([
    ["the string NaN", "NaN", 'value must be a finite number, got "NaN"'],
    ["null", null, "value must be a finite number, got null"],
    ["a numeric string", "0.1", 'value must be a finite number, got "0.1"'],
    ["NaN", NaN, "value must be a finite number, got NaN"],
    ["Infinity", Infinity, "value must be a finite number, got Infinity"],
    ["-Infinity", -Infinity, "value must be a finite number, got -Infinity"],
    ["a boolean", true, "value must be a finite number, got true"],
    ["an object", { v: 1 }, 'value must be a finite number, got {"v":1}'],
  ])("rejects a value that is %s", (_, value, message) => {
    expect(errorsForSample({ ...good, value })).toEqual([{ index: 0, field: "value", message }]);
  });

  it("rejects a missing value", () => {
    expect(errorsForSample({ metric: "error_rate", ts: NOW })).toEqual([{ index: 0, field: "value", message: "value is missing" }]);
  });

  it("rejects ratio metrics outside 0..1 and points at the percentage mistake", () => {
    const [e] = errorsForSample({ ...good, metric: "error_rate", value: 5 });
    expect(e).toMatchObject({ index: 0, field: "value" });
    expect(e.message).toBe('value 5 for ratio metric "error_rate" must be between 0 and 1 (send 0.05 for 5%)');
    expect(errorsForSample({ ...good, metric: "success_rate", value: 1.0001 })[0].field).toBe("value");
  });

  it("allows values above 1 for metrics that are not ratios", () => {
    expect(parseSampleBatch({ samples: [{ ...good, metric: "cpu_percent", value: 250 }] }, opts).ok).toBe(true);
  });

  it.each(["latency_p95_ms", "memory_mb", "cpu_percent", "throughput_rps", "invariant_violations", "error_rate", "checkout_failures"])(
    "rejects a negative %s",
    (metric) => {
      const errors = errorsForSample({ ...good, metric, value: -0.5 });
      expect(errors).toEqual([{ index: 0, field: "value", message: `value -0.5 for "${metric}" is negative; metric values cannot be below 0` }]);
    },
  );

  it.each([
    ["garbage text", "yesterday", /^ts "yesterday" is not an ISO 8601 timestamp/],
    ["a date without time", "2026-03-10", /not an ISO 8601 timestamp/],
    ["a local time without zone", "2026-03-10T11:59:00", /with a time zone/],
    ["an impossible date", "2026-02-30T00:00:00Z", /not an ISO 8601 timestamp/],
    ["null", null, /^ts must be an ISO 8601 timestamp or epoch milliseconds, got null$/],
    ["a boolean", false, /got false$/],
    ["NaN", NaN, /got NaN$/],
  ])("rejects a ts that is %s", (_, ts, message) => {
    const errors = errorsForSample({ ...good, ts });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 0, field: "ts" });
    expect(errors[0].message).toMatch(message);
  });

  it("rejects a missing ts", () => {
    expect(errorsForSample({ metric: "error_rate", value: 0.1 })).toEqual([{ index: 0, field: "ts", message: "ts is missing" }]);
  });

  it("rejects timestamps too far in the future", () => {
    const [e] = errorsForSample({ ...good, ts: iso(NOW + 5 * 60_000 + 1) });
    expect(e).toMatchObject({ index: 0, field: "ts" });
    expect(e.message).toBe('ts "2026-03-10T12:05:00.001Z" (2026-03-10T12:05:00.001Z) is more than 300s in the future');
  });

  it("rejects timestamps older than 7 days, and recognises epoch seconds", () => {
    expect(errorsForSample({ ...good, ts: NOW - 7 * DAY - 1 })[0].message).toMatch(/is more than 7 days old$/);
    expect(errorsForSample({ ...good, ts: Math.floor(NOW / 1000) })[0].message).toMatch(/looks like epoch seconds/);
  });

  it("rejects an unknown cohort, including null", () => {
    expect(errorsForSample({ ...good, cohort: "canary2" })).toEqual([
      { index: 0, field: "cohort", message: 'cohort must be "canary" or "baseline", got "canary2"' },
    ]);
    expect(errorsForSample({ ...good, cohort: null })[0].message).toBe('cohort must be "canary" or "baseline", got null');
  });

  it("rejects unknown extra fields, naming each", () => {
    const errors = errorsForSample({ ...good, host: "web-1", unit: "ms" });
    expect(errors).toEqual([
      { index: 0, field: "host", message: 'unknown field "host" (allowed: metric, value, ts, cohort, count)' },
      { index: 0, field: "unit", message: 'unknown field "unit" (allowed: metric, value, ts, cohort, count)' },
    ]);
  });

  it("does not read fields through the prototype, and rejects a __proto__ key", () => {
    const inherited = Object.create({ metric: "error_rate", value: 0.1, ts: NOW }) as object;
    expect(errorsForSample(inherited).map((e) => e.field)).toEqual(["metric", "value", "ts"]);
    const polluted = JSON.parse('{"metric":"error_rate","value":0.1,"ts":1773144000000,"__proto__":{"x":1}}');
    expect(errorsForSample(polluted)).toEqual([
      { index: 0, field: "__proto__", message: 'unknown field "__proto__" (allowed: metric, value, ts, cohort, count)' },
    ]);
  });

  it("reports every problem of every bad sample, and rejects the whole batch", () => {
    const errors = errorsOf({
      samples: [
        good,
        { metric: "nope", value: -1, ts: "soon", cohort: "blue", extra: 1 },
        good,
        { metric: "error_rate", value: 0.2, ts: NOW + DAY },
        good,
      ],
    });
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [1, "extra"],
      [1, "metric"],
      [1, "value"],
      [1, "ts"],
      [1, "cohort"],
      [3, "ts"],
    ]);
  });

  it("keeps messages short even for huge bad values", () => {
    const [e] = errorsForSample({ ...good, value: "x".repeat(100_000) });
    expect(e.message.length).toBeLessThan(120);
  });
});

describe("parseSampleBatch: seeded fuzz", () => {
  const metrics = [...knownMetrics];
  const ratios = new Set(["error_rate", "success_rate"]);

  function goodSample(rand: () => number): Record<string, unknown> {
    const metric = pick(rand, metrics);
    const value = ratios.has(metric) ? rand() : rand() * 10_000;
    const ts = NOW - Math.floor(rand() * 7 * DAY) + Math.floor(rand() * 5 * 60_000);
    const s: Record<string, unknown> = { metric, value, ts: rand() < 0.5 ? ts : iso(ts) };
    const c = rand();
    if (c < 0.4) s.cohort = "canary";
    else if (c < 0.8) s.cohort = "baseline";
    return s;
  }

  // Each corruption alone must make a valid sample invalid.
  const corruptions: ((s: Record<string, unknown>, rand: () => number) => unknown)[] = [
    (s) => ({ ...s, metric: "unknown_metric" }),
    (s) => ({ ...s, metric: 404 }),
    ({ metric: _m, ...s }) => s,
    (s) => ({ ...s, value: "NaN" }),
    (s) => ({ ...s, value: null }),
    (s) => ({ ...s, value: NaN }),
    (s) => ({ ...s, value: Infinity }),
    (s) => ({ ...s, value: String(s.value) }),
    ({ value: _v, ...s }) => s,
    (s, rand) => ({ ...s, value: -1 - rand() * 100 }),
    (s, rand) => ({ ...s, metric: pick(rand, ["error_rate", "success_rate"]), value: 1.0001 + rand() * 99 }),
    (s, rand) => ({ ...s, ts: NOW + 5 * 60_000 + 1 + Math.floor(rand() * DAY) }),
    (s, rand) => ({ ...s, ts: iso(NOW + 5 * 60_000 + 1000 + Math.floor(rand() * DAY)) }),
    (s, rand) => ({ ...s, ts: NOW - 7 * DAY - 1 - Math.floor(rand() * DAY) }),
    (s) => ({ ...s, ts: Math.floor(NOW / 1000) }),
    (s, rand) => ({ ...s, ts: pick(rand, ["", "now", "2026-13-01T00:00:00Z", "2026-03-10 12:00", "1773144000000", "2026-03-10T11:00:00"]) }),
    (s) => ({ ...s, ts: null }),
    ({ ts: _t, ...s }) => s,
    (s, rand) => ({ ...s, cohort: pick(rand, ["", "Canary", "control", null, 1]) }),
    (s, rand) => ({ ...s, [pick(rand, ["host", "unit", "tags", "Value"])]: "x" }),
    (_, rand) => pick(rand, [null, 0, "sample", [], true]),
  ];

  it("rejects any batch holding junk, reporting exactly the junk indexes; accepts the good ones alone", () => {
    const rand = prng(20260310);
    let junkTotal = 0;
    let goodTotal = 0;
    for (let batch = 0; batch < 200; batch++) {
      const size = 1 + Math.floor(rand() * 100);
      const samples: unknown[] = [];
      const junk = new Set<number>();
      const good: unknown[] = [];
      for (let i = 0; i < size; i++) {
        const s = goodSample(rand);
        if (rand() < 0.3) {
          samples.push(pick(rand, corruptions)(s, rand));
          junk.add(i);
        } else {
          samples.push(s);
          good.push(s);
        }
      }
      junkTotal += junk.size;
      goodTotal += good.length;

      const r = parseSampleBatch({ samples }, opts);
      if (junk.size > 0) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          const reported = new Set(r.errors.map((e) => e.index));
          expect([...reported].sort((a, b) => a! - b!)).toEqual([...junk].sort((a, b) => a - b));
          for (const e of r.errors) expect(e.message.length).toBeGreaterThan(5);
        }
      } else {
        expect(r.ok).toBe(true);
      }

      if (good.length > 0) {
        const alone = parseSampleBatch({ samples: good }, opts);
        expect(alone.ok).toBe(true);
        if (alone.ok) expect(alone.samples).toHaveLength(good.length);
      }
    }
    // The fuzz only means something if it produced plenty of both kinds.
    expect(junkTotal).toBeGreaterThan(2000);
    expect(goodTotal).toBeGreaterThan(5000);
  });
});
