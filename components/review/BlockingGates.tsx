// "What blocks the next wave": exactly the unmet gates the server reports for the next step, each with the
// role that has to act. Bake time counts down here; everything else changes through the live feed.
"use client";
import { gateItemText, gateKindLabel, ownerLabel, ownerOf, stillUnmet } from "@/lib/releases/client/gate-items";
import type { ReleaseView, UnmetGate } from "@/lib/releases/client/types";
import { useNow } from "@/lib/platform/browser/use-now";
import { describeCommand } from "@/lib/releases/core/machine";
import { focusRing } from "../ui/Button";
import { CheckCircleIcon, CriticalIcon, HourglassIcon, LockIcon } from "../ui/icons";

function nextStep(view: ReleaseView, action: "start" | "continue"): string {
  const state = {
    status: view.status,
    currentWaveIndex: view.currentWaveIndex,
    trafficPercent: view.trafficPercent,
    waveStartedAt: view.waveStartedAt ? new Date(view.waveStartedAt) : null,
  };
  return describeCommand(view.plan, state, action);
}

/** How many blocking items each owner has, biggest first: who to chase. Bake time is nobody's to chase. */
function byOwner(unmet: UnmetGate[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const u of unmet) if (u.kind !== "bake") counts.set(ownerOf(u), (counts.get(ownerOf(u)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

export function BlockingGates({ view, onShowItem }: { view: ReleaseView; onShowItem: (itemId: string) => void }) {
  const now = useNow(1000);
  const gate = view.gate;
  const unmet = stillUnmet(gate, now);
  const action = gate?.action === "start" || gate?.action === "continue" ? gate.action : null;
  const blocked = !!gate && unmet.length > 0;
  const tone = !gate
    ? "border-zinc-300 dark:border-zinc-700"
    : blocked
      ? "border-red-600 dark:border-red-500"
      : "border-emerald-600 dark:border-emerald-500";

  return (
    <section
      aria-labelledby="blocking-gates-title"
      data-testid="blocking-gates"
      data-open={gate ? String(!blocked) : "none"}
      data-count={unmet.length}
      className={`rounded-lg border-2 border-l-8 bg-white p-4 dark:bg-zinc-900 print:break-inside-avoid ${tone}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="blocking-gates-title" className="flex items-center gap-2 text-lg font-bold">
          {!gate ? null : blocked ? <LockIcon className="size-5 text-red-700 dark:text-red-400" /> : <CheckCircleIcon className="size-5 text-emerald-700 dark:text-emerald-400" />}
          What blocks the next wave
        </h2>
        {gate ? (
          <p
            className={`rounded px-2 py-0.5 text-sm font-bold tabular-nums ${blocked ? "bg-red-700 text-white dark:bg-red-600" : "bg-emerald-700 text-white dark:bg-emerald-600"} print:border print:border-zinc-500`}
          >
            {blocked ? `NO-GO · ${unmet.length} blocking` : "GO · nothing blocks"}
          </p>
        ) : null}
      </div>

      {!gate || !action ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Nothing to gate: the release is {view.status.replace(/_/g, " ")}
          {view.status === "rolled_back" ? "; a retry starts again from wave 1." : "."}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            Next step: <span className="font-semibold">{nextStep(view, action)}</span>
            {view.status === "paused" ? <span className="text-zinc-500 dark:text-zinc-400"> (after resume)</span> : null}
          </p>
          {blocked ? (
            <>
              <ul className="mt-3 flex flex-col divide-y divide-zinc-200 border-y border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {unmet.map((u, i) => (
                  <BlockingItem key={`${u.kind}-${i}`} item={u} now={now} onShowItem={onShowItem} />
                ))}
              </ul>
              {byOwner(unmet).length ? (
                <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
                  <span className="font-semibold">Waiting on:</span>
                  {byOwner(unmet).map(([owner, n]) => (
                    <span key={owner} className="tabular-nums">
                      {owner} ({n})
                    </span>
                  ))}
                </p>
              ) : null}
            </>
          ) : (
            <p className="mt-2 text-sm font-semibold text-emerald-800 dark:text-emerald-300">
              Every checklist item, sign-off and bake time for this step is done; a commander can go ahead.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function BlockingItem({ item, now, onShowItem }: { item: UnmetGate; now: number; onShowItem: (itemId: string) => void }) {
  return (
    <li data-testid="blocking-gate" data-kind={item.kind} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2 text-sm print:break-inside-avoid">
      <span className="flex w-28 shrink-0 items-center gap-1.5 text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">
        {item.kind === "bake" ? <HourglassIcon className="size-4" /> : item.kind === "breach" ? <CriticalIcon className="size-4 text-red-600" /> : <LockIcon className="size-4" />}
        {gateKindLabel(item.kind)}
      </span>
      <span className="min-w-[12rem] flex-1 break-words tabular-nums">
        {item.kind === "checklist" ? (
          <a
            href={`#checklist-item-${item.itemId}`}
            onClick={(e) => {
              e.preventDefault();
              onShowItem(item.itemId);
            }}
            className={`rounded underline decoration-zinc-400 underline-offset-2 hover:decoration-current ${focusRing}`}
          >
            {gateItemText(item, now)}
          </a>
        ) : item.kind === "signoff" ? (
          <a href="#signoffs-title" className={`rounded underline decoration-zinc-400 underline-offset-2 hover:decoration-current ${focusRing}`}>
            {gateItemText(item, now)}
          </a>
        ) : (
          gateItemText(item, now)
        )}
      </span>
      <span
        className="shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200 print:border print:border-zinc-500"
        data-testid="blocking-owner"
      >
        {item.kind === "signoff" ? `Role: ${ownerOf(item)}` : ownerLabel(item)}
      </span>
    </li>
  );
}
