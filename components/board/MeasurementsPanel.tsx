// Prometheus-sourced guardrails: for each, the sentence of its last verdict and every measurement of the run (the
// query as it ran, the values, whether there was data, the level), so nobody has to guess why it acted or held.
"use client";
import { formatClock } from "@/lib/platform/browser/format-time";
import { useGuardrailMeasurements } from "@/lib/guardrails/client/use-guardrail-measurements";
import { Panel } from "../ui/Panel";

const STATE_STYLE: Record<string, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  no_data: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  query_error: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};
const LEVEL_STYLE: Record<string, string> = {
  ok: "text-emerald-700 dark:text-emerald-300",
  warning: "text-amber-700 dark:text-amber-300",
  critical: "text-red-700 dark:text-red-300 font-semibold",
  inconclusive: "text-zinc-600 dark:text-zinc-400",
};

const num = (v: number | null) => (v === null ? "–" : Number(v.toPrecision(4)).toString());

function GuardrailMeasurementsTable({ releaseId, metric, now }: { releaseId: string; metric: string; now: number }) {
  const q = useGuardrailMeasurements(releaseId, metric);
  const rows = q.data?.measurements ?? [];
  const last = rows.find((r) => r.sentence !== null);
  return (
    <div data-testid="guardrail-measurements" data-metric={metric} className="flex flex-col gap-2">
      <h3 className="font-mono text-sm font-semibold">{metric}</h3>
      {q.isError ? <p className="text-sm text-red-700 dark:text-red-300">Could not load measurements: {q.error.message}</p> : null}
      {last ? (
        <p data-testid="verdict-sentence" className="text-sm text-zinc-800 dark:text-zinc-200">
          {last.sentence}
        </p>
      ) : (
        <p className="text-sm text-zinc-500">{q.isPending ? "Loading…" : "No measurement yet."}</p>
      )}
      {rows[0] ? (
        <p className="break-all font-mono text-xs text-zinc-500 dark:text-zinc-400" data-testid="resolved-query">
          {rows[0].canaryQuery}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="max-h-64 overflow-auto rounded border border-zinc-100 dark:border-zinc-800">
          <table className="w-full text-xs">
            <thead className="sticky top-0 bg-white dark:bg-zinc-900">
              <tr className="text-left text-zinc-500 dark:text-zinc-400">
                <th className="px-2 py-1 font-medium">When</th>
                <th className="px-2 py-1 font-medium">Data</th>
                <th className="px-2 py-1 text-right font-medium">Canary</th>
                <th className="px-2 py-1 text-right font-medium">Baseline</th>
                <th className="px-2 py-1 font-medium">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="measurement-row" data-state={r.state} className="border-t border-zinc-100 align-top dark:border-zinc-800" title={r.reason ?? r.sentence ?? ""}>
                  <td className="whitespace-nowrap px-2 py-1 tabular-nums">{formatClock(r.scheduledAt, now)}</td>
                  <td className="px-2 py-1">
                    <span className={`rounded px-1.5 py-0.5 ${STATE_STYLE[r.state] ?? ""}`}>{r.state.replace("_", " ")}</span>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums" data-testid="measurement-canary">{num(r.canaryValue)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{num(r.baselineValue)}</td>
                  <td className={`px-2 py-1 ${LEVEL_STYLE[r.level ?? ""] ?? ""}`}>{r.level ?? "pending"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function MeasurementsPanel({ releaseId, metrics, now }: { releaseId: string; metrics: string[]; now: number }) {
  return (
    <Panel title="Prometheus measurements" id="measurements-panel">
      <div className="flex flex-col gap-4">
        {metrics.map((m) => (
          <GuardrailMeasurementsTable key={m} releaseId={releaseId} metric={m} now={now} />
        ))}
      </div>
    </Panel>
  );
}
