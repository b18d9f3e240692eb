// Validation of one metric ingestion batch: all samples are accepted together or the whole batch is rejected.
import { z } from "zod";
import { RATIO_METRICS } from "../../plans/core/plan";

export const COHORTS = ["canary", "baseline"] as const;
export type Cohort = (typeof COHORTS)[number];

/**
 * `count`: how many requests the value summarizes (an error rate over 240 requests has count 240); absent means 1.
 * Buckets weight by it, and the sequential judge of a ratio metric reads errors out of requests from it.
 */
export type Sample = { metric: string; value: number; ts: number; cohort: Cohort; count?: number };

export type SampleError = { index: number | null; field: string; message: string };

export type ParseSampleBatchOptions = {
  knownMetrics: Set<string>;
  now: number;
  /** Clock skew allowance for senders; default 5 minutes. */
  maxFutureMs?: number;
  /** Default 10,000. */
  maxSamples?: number;
};

export type ParseSampleBatchResult = { ok: true; samples: Sample[] } | { ok: false; errors: SampleError[] };

export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;
export const DEFAULT_MAX_SAMPLES = 10_000;
/** Older samples could not affect any window and would only bloat storage. */
export const MAX_SAMPLE_AGE_MS = 7 * 86_400_000;

const BODY_FIELDS = new Set(["samples"]);
const SAMPLE_FIELDS = new Set(["metric", "value", "ts", "cohort", "count"]);
/** A bound on `count`, so a bucket's sums stay exact in a double. */
export const MAX_SAMPLE_COUNT = 1e9;
const RATIOS = new Set(RATIO_METRICS);

// An explicit offset is required: a bare local time would be read in the server's time zone. zod also
// rejects impossible dates like Feb 30 that Date.parse silently rolls over.
const isoTimestamp = z.iso.datetime({ offset: true });

/** Renders a received value for an error message, bounded so a hostile payload cannot bloat the response. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function" || typeof v === "symbol") return typeof v;
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Object.prototype.toString.call(v);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Own properties only, so an inherited "value" or a "__proto__" key can never stand in for a real field.
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

function parseTs(raw: unknown, now: number, maxFutureMs: number): { ts: number } | { error: string } {
  let ts: number;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { error: `ts must be an ISO 8601 timestamp or epoch milliseconds, got ${describeValue(raw)}` };
    ts = raw;
  } else if (typeof raw === "string") {
    if (!isoTimestamp.safeParse(raw).success) {
      return { error: `ts ${describeValue(raw)} is not an ISO 8601 timestamp with a time zone (e.g. "2026-01-02T03:04:05Z")` };
    }
    ts = Date.parse(raw);
    if (Number.isNaN(ts)) return { error: `ts ${describeValue(raw)} is not a valid date` };
  } else if (raw === undefined) {
    return { error: "ts is missing" };
  } else {
    return { error: `ts must be an ISO 8601 timestamp or epoch milliseconds, got ${describeValue(raw)}` };
  }
  if (ts > now + maxFutureMs) {
    return { error: `ts ${describeValue(raw)} (${iso(ts)}) is more than ${Math.round(maxFutureMs / 1000)}s in the future` };
  }
  if (ts < now - MAX_SAMPLE_AGE_MS) {
    // Epoch seconds are the commonest mistake and land in 1970; say so instead of just "too old".
    const hint = typeof raw === "number" && raw > 0 && raw < 1e11 ? " (it looks like epoch seconds; send milliseconds)" : "";
    return { error: `ts ${describeValue(raw)} (${iso(ts)}) is more than 7 days old${hint}` };
  }
  return { ts };
}

function fail(errors: SampleError[], index: number, field: string, message: string): void {
  errors.push({ index, field, message });
}

function checkSample(raw: unknown, index: number, opts: ParseSampleBatchOptions, maxFutureMs: number, errors: SampleError[]): Sample | null {
  if (!isPlainObject(raw)) {
    errors.push({ index, field: "sample", message: `sample must be an object, got ${describeValue(raw)}` });
    return null;
  }
  const before = errors.length;
  // Errors go through a module function, not a closure per sample (a 10,000-sample batch would make 10,000).

  for (const key of Object.keys(raw)) {
    if (!SAMPLE_FIELDS.has(key)) fail(errors, index, key, `unknown field ${describeValue(key)} (allowed: metric, value, ts, cohort, count)`);
  }

  const metric = own(raw, "metric");
  let metricOk = false;
  if (metric === undefined) fail(errors, index, "metric", "metric is missing");
  else if (typeof metric !== "string") fail(errors, index, "metric", `metric must be a string, got ${describeValue(metric)}`);
  else if (!opts.knownMetrics.has(metric)) fail(errors, index, "metric", `metric ${describeValue(metric)} is not a known metric for this plan`);
  else metricOk = true;

  const value = own(raw, "value");
  if (value === undefined) fail(errors, index, "value", "value is missing");
  else if (typeof value !== "number" || !Number.isFinite(value)) fail(errors, index, "value", `value must be a finite number, got ${describeValue(value)}`);
  else if (value < 0) fail(errors, index, "value", `value ${value} for ${describeValue(metric)} is negative; metric values cannot be below 0`);
  else if (metricOk && RATIOS.has(metric as string) && value > 1) {
    fail(errors, index, "value", `value ${value} for ratio metric ${describeValue(metric)} must be between 0 and 1 (send 0.05 for 5%)`);
  }

  const parsedTs = parseTs(own(raw, "ts"), opts.now, maxFutureMs);
  if ("error" in parsedTs) fail(errors, index, "ts", parsedTs.error);

  const rawCohort = own(raw, "cohort");
  const cohort = rawCohort === undefined ? "canary" : rawCohort;
  if (cohort !== "canary" && cohort !== "baseline") fail(errors, index, "cohort", `cohort must be "canary" or "baseline", got ${describeValue(rawCohort)}`);

  const count = own(raw, "count");
  if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SAMPLE_COUNT)) {
    fail(errors, index, "count", `count must be a whole number of requests from 1 to ${MAX_SAMPLE_COUNT}, got ${describeValue(count)}`);
  }
  if (errors.length !== before || "error" in parsedTs) return null; // the second test only narrows the type
  const sample: Sample = { metric: metric as string, value: value as number, ts: parsedTs.ts, cohort: cohort as Cohort };
  if (count !== undefined) sample.count = count as number;
  return sample;
}

export function parseSampleBatch(body: unknown, opts: ParseSampleBatchOptions): ParseSampleBatchResult {
  const maxFutureMs = opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
  const maxSamples = opts.maxSamples ?? DEFAULT_MAX_SAMPLES;

  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ index: null, field: "body", message: `body must be an object like {"samples": [...]}, got ${describeValue(body)}` }] };
  }
  const errors: SampleError[] = [];
  for (const key of Object.keys(body)) {
    if (!BODY_FIELDS.has(key)) errors.push({ index: null, field: key, message: `unknown field ${describeValue(key)} in body (only "samples" is allowed)` });
  }
  const list = own(body, "samples");
  if (list === undefined) {
    errors.push({ index: null, field: "samples", message: "samples is missing" });
    return { ok: false, errors };
  }
  if (!Array.isArray(list)) {
    errors.push({ index: null, field: "samples", message: `samples must be an array, got ${describeValue(list)}` });
    return { ok: false, errors };
  }
  if (list.length === 0) {
    errors.push({ index: null, field: "samples", message: "samples is empty; send at least one sample" });
    return { ok: false, errors };
  }
  if (list.length > maxSamples) {
    // One error, not one per sample: the batch is refused on size alone and reporting 10k+ rows helps nobody.
    return { ok: false, errors: [...errors, { index: null, field: "samples", message: `samples has ${list.length} entries; at most ${maxSamples} are allowed per batch` }] };
  }

  const samples: Sample[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = checkSample(list[i], i, opts, maxFutureMs, errors);
    if (s) samples.push(s);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, samples };
}
