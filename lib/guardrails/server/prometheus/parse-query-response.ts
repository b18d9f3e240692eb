// Reads a Prometheus instant-query answer (GET /api/v1/query) into one value or a named reason it has none.
// Pure: the HTTP call lives in query-prometheus.ts. Every shape the API can return ends in exactly one of
// ok / no_data / query_error, and only `ok` carries a number: nothing here can turn into a silent pass.
import "server-only";

export type PullState = "ok" | "no_data" | "query_error";

/** What Prometheus returned, kept as evidence: the series' labels and the value string as sent. */
export interface RawSeries {
  labels: Record<string, string>;
  value: string;
  /** Evaluation time Prometheus reported, epoch seconds. */
  at: number;
}

export type QueryOutcome =
  | { state: "ok"; value: number; raw: RawSeries[]; warnings?: string[] }
  | { state: "no_data" | "query_error"; reason: string; raw: RawSeries[]; httpStatus?: number; errorType?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{__name__="x", job="y"}`, as Prometheus prints a series. */
export function seriesName(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const inner = Object.entries(rest)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return `${name ?? ""}{${inner}}`;
}

function sample(v: unknown): { at: number; value: string } | null {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "number" || typeof v[1] !== "string") return null;
  return { at: v[0], value: v[1] };
}

/** Turns the value string into a number the guardrail can judge, or says why it cannot. */
function judgeValue(raw: RawSeries[], text: string): QueryOutcome {
  if (text === "NaN") {
    return { state: "no_data", reason: "the query returned NaN (typically 0/0: no requests in the window)", raw };
  }
  if (text === "+Inf" || text === "-Inf" || text === "Inf") {
    return {
      state: "query_error",
      reason: `the query returned ${text} (for histogram_quantile: the quantile lies above the highest finite bucket)`,
      raw,
    };
  }
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) return { state: "query_error", reason: `the query returned ${JSON.stringify(text)}, which is not a number`, raw };
  return { state: "ok", value, raw };
}

/** `status` is the HTTP status; `body` the parsed JSON (or undefined when it was not JSON). */
export function parseQueryResponse(status: number, body: unknown, bodyText = ""): QueryOutcome {
  if (isObject(body) && body.status === "error") {
    const errorType = typeof body.errorType === "string" ? body.errorType : "unknown";
    const message = typeof body.error === "string" ? body.error : "no message";
    return { state: "query_error", reason: `Prometheus refused the query (HTTP ${status}, ${errorType}): ${message}`, raw: [], httpStatus: status, errorType };
  }
  if (status < 200 || status >= 300) {
    const snippet = bodyText.trim().slice(0, 200);
    return { state: "query_error", reason: `Prometheus answered HTTP ${status}${snippet ? `: ${snippet}` : ""}`, raw: [], httpStatus: status };
  }
  if (!isObject(body) || body.status !== "success" || !isObject(body.data)) {
    return { state: "query_error", reason: "the answer is not a Prometheus query response (is the URL the Prometheus base URL?)", raw: [], httpStatus: status };
  }
  const { resultType, result } = body.data as { resultType?: unknown; result?: unknown };
  const warnings = Array.isArray(body.warnings) ? body.warnings.filter((w): w is string => typeof w === "string") : undefined;
  if (resultType === "scalar") {
    const s = sample(result);
    if (!s) return { state: "query_error", reason: "malformed scalar result", raw: [], httpStatus: status };
    const raw = [{ labels: {}, value: s.value, at: s.at }];
    const outcome = judgeValue(raw, s.value);
    return outcome.state === "ok" && warnings?.length ? { ...outcome, warnings } : outcome;
  }
  if (resultType === "vector") {
    if (!Array.isArray(result)) return { state: "query_error", reason: "malformed vector result", raw: [], httpStatus: status };
    const raw: RawSeries[] = [];
    for (const item of result) {
      const s = isObject(item) ? sample(item.value) : null;
      if (!s || !isObject(item) || !isObject(item.metric)) return { state: "query_error", reason: "malformed vector result", raw, httpStatus: status };
      raw.push({ labels: item.metric as Record<string, string>, value: s.value, at: s.at });
    }
    if (raw.length === 0) return { state: "no_data", reason: "the query returned no series (empty result)", raw };
    if (raw.length > 1) {
      const shown = raw.slice(0, 5).map((r) => seriesName(r.labels));
      const more = raw.length > 5 ? ` and ${raw.length - 5} more` : "";
      return {
        state: "query_error",
        reason: `the query returned ${raw.length} series (${shown.join(", ")}${more}); aggregate them into one, e.g. sum(...) or max(...)`,
        raw,
      };
    }
    const outcome = judgeValue(raw, raw[0].value);
    return outcome.state === "ok" && warnings?.length ? { ...outcome, warnings } : outcome;
  }
  if (resultType === "matrix") {
    return { state: "query_error", reason: "the query returned a range vector; use an instant expression (wrap the range in rate(), avg_over_time(), ...)", raw: [] };
  }
  return { state: "query_error", reason: `the query returned a ${String(resultType)} result; a number is needed`, raw: [] };
}
