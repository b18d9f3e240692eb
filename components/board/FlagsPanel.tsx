// The release's feature flags: planned share next to what apps were actually told, with a warning when they drift.
"use client";
import { formatAgo } from "@/lib/platform/browser/format-time";
import { useReleaseFlags } from "@/lib/flags/client/use-release-flags";
import { Panel } from "../ui/Panel";

const pct = (v: number | null) => (v === null ? "–" : `${Number(v.toFixed(3))}%`);

export function FlagsPanel({ releaseId, now }: { releaseId: string; now: number }) {
  const flags = useReleaseFlags(releaseId, true);
  const data = flags.data;
  return (
    <Panel
      title="Feature flags"
      id="flags-panel"
      actions={
        data ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="flags-sdks">
            SDKs connected: {data.sdks.ofrep} OFREP · {data.sdks.unleash} Unleash
          </span>
        ) : null
      }
    >
      {flags.isError ? <p className="text-sm text-red-700 dark:text-red-300">Could not load flags: {flags.error.message}</p> : null}
      {!data ? (
        <p className="text-sm text-zinc-500">Loading flags…</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <th className="py-1 pr-2 font-medium">Flag</th>
              <th className="py-1 pr-2 text-right font-medium">Planned</th>
              <th className="py-1 pr-2 text-right font-medium">Observed</th>
              <th className="py-1 pr-2 text-right font-medium">Evals/min</th>
              <th className="py-1 text-right font-medium">Last change</th>
            </tr>
          </thead>
          <tbody>
            {data.flags.map((f) => (
              <tr key={f.key} data-testid="flag-row" data-flag={f.key} data-drift={f.drift} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 pr-2">
                  <code className="font-mono text-xs">{f.key}</code>
                  {f.servedBy ? <span className="ml-1 text-xs text-zinc-500">(served by another release)</span> : null}
                  {f.drift === "drift" ? (
                    <span role="alert" className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
                      apps are not following the plan
                    </span>
                  ) : null}
                </td>
                <td className="py-1.5 pr-2 text-right tabular-nums" data-testid="flag-planned">{pct(f.plannedPercent)}</td>
                <td className="py-1.5 pr-2 text-right tabular-nums" data-testid="flag-observed" title={`${f.samples} evaluations since the last change`}>
                  {pct(f.observedPercent)}
                </td>
                <td className="py-1.5 pr-2 text-right tabular-nums">{f.evaluationsPerMinute.toLocaleString("en-US")}</td>
                <td className="py-1.5 text-right text-xs text-zinc-500">{f.lastChangeAt ? formatAgo(f.lastChangeAt, now) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
