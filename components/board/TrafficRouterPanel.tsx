// Issue 24: the router carrying the waves: the share asked and the weights Tidegate set, what the router reads back,
// and what it really served over the last minute. Unconfirmed and drift say who acts.
"use client";
import { formatClock } from "@/lib/platform/browser/format-time";
import { type TrafficRouterView, useReleaseTraffic } from "@/lib/releases/client/use-release-traffic";
import { Panel } from "../ui/Panel";

const pct = (v: number) => `${Number(v.toFixed(2))} %`;
const KIND: Record<string, string> = { haproxy: "HAProxy", gatewayApi: "Gateway API" };

const STATUS: Record<TrafficRouterView["status"], { label: string; className: string }> = {
  applied: { label: "Confirmed", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100" },
  pending: { label: "Waiting for read-back", className: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100" },
  unconfirmed: { label: "Unconfirmed: retrying", className: "bg-amber-100 text-amber-950 dark:bg-amber-900/50 dark:text-amber-100" },
  drift: { label: "Drift: paused", className: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100" },
};

export function TrafficRouterPanel({ releaseId, initial, version, now }: { releaseId: string; initial: TrafficRouterView; version: number; now: number }) {
  const query = useReleaseTraffic(releaseId, initial, version);
  const t = query.data ?? initial;
  const status = STATUS[t.status];
  const weights = (w: { stable: number; canary: number } | null) => (w ? `stable ${w.stable} · canary ${w.canary}` : "–");
  return (
    <Panel
      title="Traffic router"
      id="traffic-router"
      actions={
        <span data-testid="traffic-router-status" data-status={t.status} className={`rounded px-2 py-0.5 text-xs font-semibold ${status.className}`}>
          {status.label}
        </span>
      }
    >
      <div data-testid="traffic-router" className="flex flex-col gap-3 text-sm">
        <p className="break-words text-zinc-700 dark:text-zinc-300">
          <span className="font-semibold text-zinc-900 dark:text-zinc-100">{t.router}</span>
          {t.kind ? ` · ${KIND[t.kind] ?? t.kind}` : ""}
          {Object.keys(t.overrides).length > 0 ? <span className="text-zinc-500 dark:text-zinc-400"> ({Object.entries(t.overrides).map(([k, v]) => `${k} ${String(v)}`).join(", ")})</span> : null}
        </p>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5">
          <dt className="text-zinc-500 dark:text-zinc-400">Canary share</dt>
          <dd data-testid="traffic-router-share" className="font-medium text-zinc-900 dark:text-zinc-100">
            {t.setPercent === null || t.exact ? pct(t.askedPercent) : `asked ${pct(t.askedPercent)}, set ${pct(t.setPercent)}`}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Weights set</dt>
          <dd data-testid="traffic-router-set" className="tabular-nums">{weights(t.weights)}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Read back</dt>
          <dd data-testid="traffic-router-read" className="tabular-nums">
            {weights(t.readBack)}
            {t.readAt ? <span className="text-zinc-500 dark:text-zinc-400"> at {formatClock(t.readAt, now)}</span> : null}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Served, last min</dt>
          <dd data-testid="traffic-router-observed" className="tabular-nums">
            {t.observed?.canaryPercent != null ? (
              <>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{pct(t.observed.canaryPercent)} canary</span>
                <span className="text-zinc-500 dark:text-zinc-400"> of {(t.observed.stable + t.observed.canary).toLocaleString("en")} requests</span>
              </>
            ) : (
              <span className="text-zinc-500 dark:text-zinc-400">{t.observed ? "no requests served" : "not observed (no fresh counters from the router)"}</span>
            )}
          </dd>
        </dl>
        {t.observed?.canaryPercent != null ? (
          <div className="relative h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-700" aria-hidden="true">
            <div className="absolute inset-y-0 left-0 bg-violet-500 dark:bg-violet-400" style={{ width: `${Math.min(100, t.observed.canaryPercent)}%` }} />
            <div className="absolute inset-y-0 w-0.5 bg-zinc-900 dark:bg-zinc-100" style={{ left: `calc(${Math.min(100, t.askedPercent)}% - 1px)` }} title="asked" />
          </div>
        ) : null}
        {t.status === "unconfirmed" ? (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 break-words text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
            The router has not confirmed {pct(t.askedPercent)}: {t.detail ?? "no answer"}. Tidegate retries the write until it does ({t.attempts} attempt{t.attempts === 1 ? "" : "s"}
            {t.nextAttemptAt ? `, next at ${formatClock(t.nextAttemptAt, now)}` : ""}). CONTINUE waits; PAUSE and ROLLBACK still apply.
          </p>
        ) : null}
        {t.status === "drift" ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 break-words text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100">
            Weights changed outside Tidegate ({t.detail}). The release is paused; {t.decide} decides: RESUME re-applies {pct(t.askedPercent)}, ROLLBACK takes the canary out.
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
