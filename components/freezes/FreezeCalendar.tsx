// The overview's freeze calendar and quarantined versions (issue 25): who froze what, why and until when; admins
// declare and end freezes and lift quarantines here.
"use client";
import { useState } from "react";
import { formatUntil } from "@/lib/freezes/client/freeze-text";
import { useCreateFreeze, useEndFreeze, useLiftQuarantine } from "@/lib/freezes/client/use-freeze-changes";
import { useFreezes } from "@/lib/freezes/client/use-freezes";
import { useQuarantines } from "@/lib/freezes/client/use-quarantines";
import type { FreezeView, QuarantineView } from "@/lib/freezes/client/types";
import { Button } from "../ui/Button";
import { inputClass } from "../ui/field-styles";
import { InlineError } from "../ui/InlineError";
import { LockIcon, ShieldAlertIcon } from "../ui/icons";
import { ReasonDialog } from "./ReasonDialog";

const card = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const heading = "text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";

export function FreezeCalendar({ now, isAdmin }: { now: number; isAdmin: boolean }) {
  const freezes = useFreezes();
  const quarantines = useQuarantines();
  const [creating, setCreating] = useState(false);
  const list = freezes.data ?? [];
  const standing = quarantines.data ?? [];
  // Nothing to tell a viewer: no row at all (admins keep the button to declare one).
  if (!isAdmin && list.length === 0 && standing.length === 0) return null;
  return (
    <div className="mb-6 grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="freezes-title" className={card} data-testid="freeze-calendar">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 id="freezes-title" className={heading}>
            Freezes <span className="tabular-nums">({list.length})</span>
          </h2>
          {isAdmin && !creating ? (
            <Button size="sm" variant="neutral" data-testid="new-freeze" onClick={() => setCreating(true)}>
              New freeze
            </Button>
          ) : null}
        </div>
        {creating ? <NewFreezeForm now={now} onDone={() => setCreating(false)} /> : null}
        {list.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No freeze now or coming: forward steps follow each plan's gates and windows.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
            {list.map((f) => (
              <FreezeRow key={f.id} freeze={f} now={now} isAdmin={isAdmin} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="quarantines-title" className={card} data-testid="quarantine-list">
        <h2 id="quarantines-title" className={`${heading} mb-3`}>
          Quarantined versions <span className="tabular-nums">({standing.length})</span>
        </h2>
        {standing.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No version is quarantined. A version rolled back is held here until an admin lifts it.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
            {standing.map((q) => (
              <QuarantineRow key={q.id} q={q} now={now} isAdmin={isAdmin} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function scopeOf(f: FreezeView): string {
  const parts = [f.services ? `services ${f.services.join(", ")}` : "every service", ...(f.environments ? [`environments ${f.environments.join(", ")}`] : [])];
  return parts.join("; ");
}

function FreezeRow({ freeze: f, now, isAdmin }: { freeze: FreezeView; now: number; isAdmin: boolean }) {
  const [ending, setEnding] = useState(false);
  const end = useEndFreeze();
  const current = new Date(f.from).getTime() <= now;
  return (
    <li className="flex flex-col gap-2 py-2.5 text-sm sm:flex-row sm:items-start" data-testid="freeze-row">
      <div className="flex min-w-0 flex-1 gap-2">
        <LockIcon className={`mt-0.5 size-4 shrink-0 ${current ? "text-sky-700 dark:text-sky-400" : "text-zinc-400"}`} />
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-2">
            <span className="font-semibold break-words">{f.reason}</span>
            <span
              className={`rounded px-1.5 text-xs font-semibold ${current ? "bg-sky-700 text-white dark:bg-sky-500 dark:text-zinc-950" : "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"}`}
            >
              {current ? "Now" : "Upcoming"}
            </span>
          </div>
          <div className="text-zinc-600 dark:text-zinc-400" suppressHydrationWarning>
            {current ? `until ${formatUntil(f.to, now)}` : `${formatUntil(f.from, now)} → ${formatUntil(f.to, now)}`} · {scopeOf(f)} · by {f.createdBy}
          </div>
        </div>
      </div>
      {isAdmin ? (
        <Button size="sm" variant="ghost" className="self-start" data-testid="end-freeze" onClick={() => setEnding(true)}>
          {current ? "End now" : "Cancel"}
        </Button>
      ) : null}
      {ending ? (
        <ReasonDialog
          title={`End the freeze "${f.reason}"`}
          testId="end-freeze-dialog"
          confirmLabel="End freeze"
          pending={end.isPending}
          error={end.error ? end.error.message : null}
          onClose={() => setEnding(false)}
          onConfirm={(reason) => end.mutate({ id: f.id, reason }, { onSuccess: () => setEnding(false) })}
        >
          <p className="text-sm">Forward steps it holds may go again at once (automatic promotion included). The end and your reason go to the audit log.</p>
        </ReasonDialog>
      ) : null}
    </li>
  );
}

function QuarantineRow({ q, now, isAdmin }: { q: QuarantineView; now: number; isAdmin: boolean }) {
  const [lifting, setLifting] = useState(false);
  const lift = useLiftQuarantine();
  return (
    <li className="flex flex-col gap-2 py-2.5 text-sm sm:flex-row sm:items-start" data-testid="quarantine-row">
      <div className="flex min-w-0 flex-1 gap-2">
        <ShieldAlertIcon className="mt-0.5 size-4 shrink-0 text-red-700 dark:text-red-400" />
        <div className="min-w-0">
          <div className="font-semibold break-words">
            {q.service} {q.serviceVersion}
          </div>
          <div className="break-words text-zinc-600 dark:text-zinc-400" suppressHydrationWarning>
            rolled back in <a className="underline" href={`/releases/${encodeURIComponent(q.releaseId)}`}>{q.releaseName}</a> on {formatUntil(q.at, now)} by {q.rolledBackBy}: {q.reason}
          </div>
        </div>
      </div>
      {isAdmin ? (
        <Button size="sm" variant="ghost" className="self-start" data-testid="lift-quarantine" onClick={() => setLifting(true)}>
          Lift
        </Button>
      ) : null}
      {lifting ? (
        <ReasonDialog
          title={`Lift the quarantine of ${q.service} ${q.serviceVersion}`}
          testId="lift-quarantine-dialog"
          confirmLabel="Lift"
          pending={lift.isPending}
          error={lift.error ? lift.error.message : null}
          onClose={() => setLifting(false)}
          onConfirm={(reason) => lift.mutate({ id: q.id, reason }, { onSuccess: () => setLifting(false) })}
        >
          <p className="text-sm">Releases of this version may START again once it is lifted. The lift and your reason go to the audit log.</p>
        </ReasonDialog>
      ) : null}
    </li>
  );
}

/** datetime-local values are the reader's local time; the API takes an instant. */
const toInput = (t: number) => {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

function NewFreezeForm({ now, onDone }: { now: number; onDone: () => void }) {
  const create = useCreateFreeze();
  const [from, setFrom] = useState(() => toInput(now));
  const [to, setTo] = useState(() => toInput(now + 86_400_000));
  const [reason, setReason] = useState("");
  const [services, setServices] = useState("");
  const submit = () => {
    const list = services.split(",").map((s) => s.trim()).filter(Boolean);
    create.mutate(
      { from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason: reason.trim(), ...(list.length ? { services: list } : {}) },
      { onSuccess: onDone },
    );
  };
  const label = "flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400";
  return (
    <form
      className="mb-3 grid gap-2 rounded-md border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800"
      data-testid="new-freeze-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className={label}>
        From
        <input type="datetime-local" className={inputClass} value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label className={label}>
        To
        <input type="datetime-local" className={inputClass} value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <label className={`${label} sm:col-span-2`}>
        Reason
        <input className={inputClass} data-testid="new-freeze-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Black Friday" required maxLength={300} />
      </label>
      <label className={`${label} sm:col-span-2`}>
        Services (comma-separated; empty: every service)
        <input className={inputClass} value={services} onChange={(e) => setServices(e.target.value)} placeholder="checkout, payments" />
      </label>
      {create.error ? (
        <div className="sm:col-span-2">
          <InlineError message={create.error.message} testId="new-freeze-error" />
        </div>
      ) : null}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" data-testid="new-freeze-submit" disabled={create.isPending || reason.trim() === ""}>
          {create.isPending ? "Declaring…" : "Declare freeze"}
        </Button>
      </div>
    </form>
  );
}
