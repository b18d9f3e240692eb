// Who has signed off what: rows are waves, columns are the sign-off roles any wave needs.
// A real table on desktop and on paper; on phones each wave becomes a card listing only the roles it needs.
"use client";
import { cellOf, hypercareRow, preStartRow, signoffChangedAt, signoffRolesOf, waveSignoffProgress } from "@/lib/releases/client/signoff-matrix";
import type { EventView, Me, ReleaseView } from "@/lib/releases/client/types";
import { hasPermission } from "@/lib/auth/client/use-me";
import { signoffOpen } from "@/lib/releases/core/ownership";
import { Panel } from "../ui/Panel";
import { SignoffCell } from "./SignoffCell";
import { waveStatusLabel } from "./wave-labels";

export function SignoffMatrix({
  view,
  events,
  me,
}: {
  view: ReleaseView;
  events: readonly EventView[];
  /** Undefined while /api/me loads: controls stay disabled, but no "read only" hint flashes up. */
  me: Me | undefined;
}) {
  const canSign = hasPermission(me, "checklist");
  const myRoles = me?.user.signoffRoles ?? [];
  const roles = signoffRolesOf(view);
  const active = view.status === "running" || view.status === "paused";
  const preStart = preStartRow(view);
  const hypercare = hypercareRow(view);
  const rows = [...(preStart ? [preStart] : []), ...view.waves, ...(hypercare ? [hypercare] : [])];
  const state = { status: view.status, currentWaveIndex: view.currentWaveIndex, trafficPercent: view.trafficPercent, waveStartedAt: null };
  const lockedBecause = (role: string, waveIndex: number): string | null => {
    if (!me) return "Loading your permissions…";
    if (!canSign) return "Signing off needs the approver, commander or admin role";
    if (!myRoles.includes(role)) return `You do not hold the ${role} sign-off role`;
    // Sign-offs open when their wave is next (lib/releases/core/ownership.ts), as the server enforces.
    const open = signoffOpen(state, waveIndex);
    return open.ok ? null : open.message;
  };

  return (
    <Panel title="Sign-offs" id="signoffs">
      {roles.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No wave of this plan needs a sign-off.</p>
      ) : (
        <>
          <p className="mb-3 text-xs text-zinc-600 dark:text-zinc-400 print:hidden" data-testid="signoff-hint">
            {!me
              ? "\u00a0"
              : !canSign
              ? "Read only: signing off needs the approver, commander or admin role."
              : myRoles.length
                ? `You sign off as ${myRoles.join(", ")}. Other roles are read only for you.`
                : "You hold no sign-off role, so every cell is read only for you. An admin can give you one."}
          </p>
          <div className="overflow-x-auto max-md:overflow-visible print:overflow-visible">
            <table data-testid="signoff-matrix" className="w-full border-collapse text-left text-sm max-md:block">
              <caption className="sr-only">Sign-offs by wave and role</caption>
              <thead className="max-md:sr-only">
                <tr className="text-[11px] font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
                  <th scope="col" className="px-3 pb-2 font-semibold">
                    Wave
                  </th>
                  {roles.map((r) => (
                    <th key={r} scope="col" className="min-w-[9.5rem] px-3 pb-2 font-semibold">
                      {r}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="max-md:flex max-md:flex-col max-md:gap-3">
                {rows.map((w) => {
                  const isPre = w.index === -1;
                  const isHypercare = w.index === -2;
                  const current = isPre ? view.status === "draft" : isHypercare ? view.status === "hypercare" : active && w.index === view.currentWaveIndex;
                  const p = waveSignoffProgress(w);
                  return (
                    <tr
                      key={w.index}
                      data-testid="signoff-row"
                      data-wave={w.index}
                      aria-current={current ? "step" : undefined}
                      className={`print:break-inside-avoid max-md:block max-md:rounded-md max-md:border max-md:px-3 max-md:py-2 ${current ? "bg-sky-50/70 max-md:border-sky-500 dark:bg-sky-950/30" : "max-md:border-zinc-200 dark:max-md:border-zinc-800"}`}
                    >
                      <th scope="row" className="border-t border-zinc-200 px-3 py-2 align-top font-normal dark:border-zinc-800 max-md:block max-md:border-t-0 max-md:px-0 max-md:pt-0 print:border-zinc-400">
                        <span className="block font-bold">{isPre ? "Before start (gates START)" : isHypercare ? "Hypercare (gates its end)" : `Wave ${w.index + 1} · ${w.name}`}</span>
                        <span className="block text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                          {isPre ? (view.status === "draft" ? "open" : "passed") : isHypercare ? `100% · ${view.status === "hypercare" ? "in progress" : view.status === "completed" ? "done" : "after the last wave"}` : `${w.trafficPercent}% · ${waveStatusLabel(w.status)}`}
                          {current ? <span className="ml-1.5 font-bold text-sky-700 uppercase dark:text-sky-400">current</span> : null}
                        </span>
                        <span className="block text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                          {isPre && view.preSignoffs && view.preSignoffs.quorum < p.required
                            ? `${p.approved} approved, any ${view.preSignoffs.quorum} of ${p.required} needed`
                            : p.required
                              ? `${p.approved}/${p.required} approved`
                              : "No sign-off needed"}
                        </span>
                      </th>
                      {roles.map((r) => (
                        <SignoffCell
                          key={r}
                          releaseId={view.id}
                          wave={w}
                          role={r}
                          cell={cellOf(w, r)}
                          changedAt={signoffChangedAt(events, w.index, r)}
                          lockedBecause={lockedBecause(r, w.index)}
                          myName={me?.user.name}
                        />
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}
