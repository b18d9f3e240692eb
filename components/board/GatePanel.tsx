// Go / no-go for the next step: open, or every item still missing with the role that owns it.
import Link from "next/link";
import { gateItemText, gateKindLabel, ownerLabel, stillUnmet } from "@/lib/releases/client/gate-items";
import { waveSignoffProgress } from "@/lib/releases/client/signoff-matrix";
import type { ReleaseView, UnmetGate } from "@/lib/releases/client/types";
import { CheckCircleIcon, CriticalIcon, HourglassIcon, LockIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";
import { GateChecks } from "./GateChecks";

const ACTION_WORD: Record<string, string> = { start: "Start", continue: "Continue" };

function progress(view: ReleaseView) {
  const items = view.status === "draft" ? view.preChecklist : (view.waves[view.currentWaveIndex]?.checklist ?? []);
  const required = items.filter((c) => c.required);
  const met = required.filter((c) => c.state === "met" || c.state === "waived").length;
  const wave = view.waves[view.currentWaveIndex];
  const roles = view.status === "draft" ? [] : (wave?.requiredSignoffs ?? []);
  // Issue 26: a role counts once enough distinct people's approvals count (its quorum).
  const approved = wave && roles.length ? waveSignoffProgress(wave).approved : 0;
  return { met, required: required.length, approved, roles: roles.length };
}

export function GatePanel({ view, now, canRecheck = false }: { view: ReleaseView; now: number; canRecheck?: boolean }) {
  const gate = view.gate;
  const unmet = stillUnmet(gate, now);
  const p = progress(view);
  return (
    <Panel
      title="Go / no-go"
      id="gate"
      actions={
        <Link href={`/releases/${encodeURIComponent(view.id)}/review`} prefetch={false} className="text-xs font-semibold text-sky-700 underline dark:text-sky-400">
          Checklist and sign-offs
        </Link>
      }
    >
      <div data-testid="gate-panel" data-open={gate ? String(unmet.length === 0) : "none"}>
        {!gate ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No gate: the release is {view.status.replace("_", " ")}.</p>
        ) : unmet.length === 0 ? (
          <p className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 font-bold text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300">
            <CheckCircleIcon className="size-5" />
            GO: every gate for {ACTION_WORD[gate.action] ?? gate.action} is met
          </p>
        ) : (
          <>
            <p className="mb-2 flex items-center gap-2 rounded-md bg-red-50 px-3 py-2 font-bold text-red-800 dark:bg-red-950/40 dark:text-red-300">
              <LockIcon className="size-5" />
              NO-GO: {unmet.length} item{unmet.length === 1 ? "" : "s"} missing for {ACTION_WORD[gate.action] ?? gate.action}
            </p>
            <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
              {unmet.map((u, i) => (
                <GateItem key={`${u.kind}-${i}`} item={u} now={now} />
              ))}
            </ul>
          </>
        )}
        <GateChecks view={view} now={now} canRecheck={canRecheck} />
        {gate && (p.required || p.roles) ? (
          <p className="mt-3 flex gap-4 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {p.required ? (
              <span>
                Checklist {p.met}/{p.required} met
              </span>
            ) : null}
            {p.roles ? (
              <span>
                Sign-offs {p.approved}/{p.roles}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}

function GateItem({ item, now }: { item: UnmetGate; now: number }) {
  const text = gateItemText(item, now);
  return (
    <li data-testid="gate-item" data-kind={item.kind} className="flex items-start gap-2 py-2 text-sm">
      {item.kind === "bake" ? (
        <HourglassIcon className="mt-0.5 size-4 text-zinc-500" />
      ) : item.kind === "breach" ? (
        <CriticalIcon className="mt-0.5 size-4 text-red-600" />
      ) : (
        <LockIcon className="mt-0.5 size-4 text-zinc-500" />
      )}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center justify-between gap-x-2">
          <span className="text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400">{gateKindLabel(item.kind)}</span>
          <span
            className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            title="Who has to act"
          >
            {ownerLabel(item)}
          </span>
        </div>
        <div className="mt-0.5 break-words tabular-nums">{text}</div>
      </div>
    </li>
  );
}
