// Plan validation's dry run: each Prometheus query of a plan is run once against its Prometheus (when a URL is
// configured and reachable), so a PromQL syntax error is refused at creation with the path of the bad query
// instead of surfacing later as a query_error. Anything else (unreachable, timeout, empty) does not block: that is
// a runtime state the board shows.
import "server-only";
import { effectivePrometheusSource } from "../../core/effective-source";
import { renderQuery } from "../../core/metric-source";
import type { Plan } from "../../../plans/core/plan";
import { config } from "../../../platform/config/config";
import { allowedNetworks } from "../../../platform/net/outbound-address";
import { queryPrometheus } from "./query-prometheus";

export interface QueryProblem {
  path: string;
  message: string;
}

export async function dryRunPlanQueries(plan: Plan, now = Date.now()): Promise<QueryProblem[]> {
  const cfg = config();
  const allowed = allowedNetworks(cfg.PROMETHEUS_ALLOWED_NETWORKS);
  const checks: Promise<QueryProblem | null>[] = [];
  const scopes = [
    { path: "guardrails", guardrails: plan.guardrails },
    ...plan.waves.map((w, i) => ({ path: `waves.${i}.guardrails`, guardrails: w.guardrails })),
  ];
  for (const scope of scopes) {
    scope.guardrails.forEach((g, j) => {
      const source = effectivePrometheusSource(plan.source, g.source);
      const url = source?.url ?? cfg.PROMETHEUS_URL;
      if (!source || !url) return;
      const values = { service: plan.service, version: plan.version, windowSeconds: g.windowSeconds, flag: plan.flags?.[0]?.key ?? "", metric: g.metric };
      const own = g.source?.prometheus;
      for (const cohort of ["canary", "baseline"] as const) {
        const template = source[cohort];
        if (!template) continue;
        const path = own?.[cohort] ? `${scope.path}.${j}.source.prometheus.${cohort}` : `source.prometheus.${cohort}`;
        checks.push(
          queryPrometheus({ baseUrl: url, query: renderQuery(template, values), time: now, timeoutMs: Math.min(source.timeoutSeconds * 1000, 5000), auth: source.auth, headers: source.headers, allowed }).then(
            (o) => (o.state === "query_error" && o.errorType === "bad_data" ? { path, message: `Prometheus rejects this query: ${o.reason}` } : null),
          ),
        );
      }
    });
  }
  const found = (await Promise.all(checks)).filter((p): p is QueryProblem => p !== null);
  // A plan-level query shared by several guardrails is reported once.
  return found.filter((p, i) => found.findIndex((q) => q.path === p.path) === i);
}
