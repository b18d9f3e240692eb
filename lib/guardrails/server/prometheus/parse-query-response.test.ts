import { describe, expect, it } from "vitest";
import { parseQueryResponse, seriesName } from "./parse-query-response";

const vector = (...series: [Record<string, string>, string][]) => ({
  status: "success",
  data: { resultType: "vector", result: series.map(([metric, v]) => ({ metric, value: [1_800_000_000.5, v] })) },
});

describe("parseQueryResponse: every shape of the Prometheus query API", () => {
  it("one series is a value, with its labels kept as evidence", () => {
    const o = parseQueryResponse(200, vector([{ cohort: "canary" }, "0.0125"]));
    expect(o).toEqual({ state: "ok", value: 0.0125, raw: [{ labels: { cohort: "canary" }, value: "0.0125", at: 1_800_000_000.5 }] });
  });

  it("a scalar is a value", () => {
    expect(parseQueryResponse(200, { status: "success", data: { resultType: "scalar", result: [1, "3.5"] } })).toMatchObject({ state: "ok", value: 3.5 });
  });

  it("an empty vector is no_data", () => {
    expect(parseQueryResponse(200, vector())).toMatchObject({ state: "no_data", reason: "the query returned no series (empty result)" });
  });

  it("NaN (0/0: no traffic) is no_data; +Inf and -Inf are query errors that say why", () => {
    expect(parseQueryResponse(200, vector([{}, "NaN"]))).toMatchObject({ state: "no_data", reason: expect.stringContaining("NaN") });
    expect(parseQueryResponse(200, vector([{}, "+Inf"]))).toMatchObject({ state: "query_error", reason: expect.stringContaining("highest finite bucket") });
    expect(parseQueryResponse(200, { status: "success", data: { resultType: "scalar", result: [1, "-Inf"] } })).toMatchObject({ state: "query_error" });
  });

  it("several series are refused, naming them (up to five)", () => {
    const o = parseQueryResponse(200, vector([{ __name__: "x", cohort: "canary" }, "1"], [{ __name__: "x", cohort: "baseline" }, "2"]));
    expect(o.state).toBe("query_error");
    expect(o.state !== "ok" && o.reason).toBe('the query returned 2 series (x{cohort="canary"}, x{cohort="baseline"}); aggregate them into one, e.g. sum(...) or max(...)');
    const many = parseQueryResponse(200, vector(...Array.from({ length: 7 }, (_, i) => [{ pod: `p${i}` }, "1"] as [Record<string, string>, string])));
    expect(many.state !== "ok" && many.reason).toContain("and 2 more");
  });

  it("status error carries errorType and Prometheus' message, whatever the HTTP status", () => {
    for (const status of [400, 422, 503]) {
      const o = parseQueryResponse(status, { status: "error", errorType: status === 400 ? "bad_data" : status === 422 ? "execution" : "timeout", error: "boom" });
      expect(o).toMatchObject({ state: "query_error", httpStatus: status });
      expect(o.state !== "ok" && o.reason).toMatch(new RegExp(`^Prometheus refused the query \\(HTTP ${status}, \\w+\\): boom$`));
    }
  });

  it("a non-JSON error page (a proxy's 502) and a non-Prometheus answer are query errors", () => {
    expect(parseQueryResponse(502, undefined, "<html>Bad Gateway</html>")).toMatchObject({ state: "query_error", reason: "Prometheus answered HTTP 502: <html>Bad Gateway</html>", httpStatus: 502 });
    expect(parseQueryResponse(200, { hello: "world" })).toMatchObject({ state: "query_error", reason: expect.stringContaining("not a Prometheus query response") });
  });

  it("range vectors, strings and malformed results are query errors, never values", () => {
    expect(parseQueryResponse(200, { status: "success", data: { resultType: "matrix", result: [] } }).state).toBe("query_error");
    expect(parseQueryResponse(200, { status: "success", data: { resultType: "string", result: [1, "x"] } }).state).toBe("query_error");
    expect(parseQueryResponse(200, { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, 2] }] } }).state).toBe("query_error");
    expect(parseQueryResponse(200, vector([{}, "twelve"])).state).toBe("query_error");
  });

  it("prints series the way Prometheus does", () => {
    expect(seriesName({ __name__: "up", job: "app" })).toBe('up{job="app"}');
    expect(seriesName({})).toBe("{}");
  });
});
