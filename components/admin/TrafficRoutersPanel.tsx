// The traffic routers an operator configured (TRAFFIC_ROUTERS): what plans may name in `"traffic": { "router": ... }`.
"use client";
import { useTrafficRouters } from "@/lib/traffic/client/use-traffic-routers";
import { Panel } from "../ui/Panel";
import { LoadError } from "./LoadError";

const KIND: Record<string, string> = { haproxy: "HAProxy", gatewayApi: "Gateway API" };

export function TrafficRoutersPanel() {
  const routers = useTrafficRouters();
  return (
    <Panel title="Traffic routers" id="traffic-routers" actions={routers.data ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{routers.data.length} configured</span> : null}>
      <div className="flex flex-col gap-3 text-sm">
        <p className="text-zinc-600 dark:text-zinc-400">
          Set by the operator in <code className="font-mono text-xs">TRAFFIC_ROUTERS</code>. A plan names one with <code className="font-mono text-xs">{'"traffic": { "router": "<name>" }'}</code>; Tidegate sets its weights at each wave, reads them back and pauses the release when someone else changes them. Secrets are not shown.
        </p>
        {routers.isError ? <LoadError message={`Could not load traffic routers: ${routers.error.message}`} onRetry={() => void routers.refetch()} /> : null}
        {routers.isPending ? <p role="status" className="text-zinc-500">Loading routers…</p> : null}
        {routers.data?.length === 0 ? <p className="text-zinc-500 dark:text-zinc-400">No traffic routers are configured.</p> : null}
        <ul className="flex flex-col gap-2">
          {routers.data?.map((r) => (
            <li key={r.name} data-testid="traffic-router-config" className="rounded border border-zinc-200 px-3 py-2 dark:border-zinc-800">
              <p className="font-semibold text-zinc-900 dark:text-zinc-100">
                {r.name} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {KIND[r.kind] ?? r.kind}</span>
              </p>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                {Object.entries(r.settings).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
                    <dd className="font-mono break-all text-zinc-800 dark:text-zinc-200">{v}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </div>
    </Panel>
  );
}
