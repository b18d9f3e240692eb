// The importer's "which waves?" question answered as rows (name, traffic, bake time), not JSON in a one-line box.
"use client";
import { useId, useState } from "react";
import { durationText, parseDurationText } from "@/lib/plans/edit/duration-text";
import { Button } from "../ui/Button";
import { inputClass } from "../ui/field-styles";

export interface WaveRow {
  name: string;
  trafficPercent: number;
  bakeSeconds?: number;
}

interface Draft {
  name: string;
  percent: string;
  bake: string;
}

const GRID = "grid grid-cols-[minmax(0,1fr)_4rem_5rem_2rem] gap-1.5 sm:grid-cols-[minmax(0,1fr)_5.5rem_7rem_2rem] sm:gap-2";

const toDraft = (w: WaveRow): Draft => ({ name: w.name ?? "", percent: String(w.trafficPercent ?? ""), bake: w.bakeSeconds === undefined ? "" : durationText(w.bakeSeconds) });

/** The rows as a waves answer, or what is wrong with them (the first problem, naming the row). */
export function readWaveRows(rows: readonly Draft[]): { ok: true; waves: WaveRow[] } | { ok: false; message: string } {
  if (rows.length === 0) return { ok: false, message: "Add at least one wave" };
  const waves: WaveRow[] = [];
  let last = 0;
  for (const [i, r] of rows.entries()) {
    const n = `Wave ${i + 1}`;
    if (!r.name.trim()) return { ok: false, message: `${n}: give it a name` };
    const percent = Number(r.percent);
    if (r.percent.trim() === "" || !Number.isFinite(percent) || percent <= 0 || percent > 100) return { ok: false, message: `${n}: traffic is a percentage above 0, at most 100` };
    if (percent <= last) return { ok: false, message: `${n}: traffic must rise from wave to wave (${last}% before)` };
    last = percent;
    const bake = r.bake.trim() === "" ? undefined : parseDurationText(r.bake);
    if (bake === null) return { ok: false, message: `${n}: bake time is a duration such as 2h, 30m or 1 d` };
    waves.push({ name: r.name.trim(), trafficPercent: percent, ...(bake === undefined ? {} : { bakeSeconds: bake }) });
  }
  if (last !== 100) return { ok: false, message: "The last wave must reach 100%" };
  return { ok: true, waves };
}

export function WavesAnswer({ initial, answered, onConfirm }: { initial: WaveRow[]; answered: boolean; onConfirm: (waves: WaveRow[]) => void }) {
  const [rows, setRows] = useState<Draft[]>(() => (initial.length ? initial.map(toDraft) : [{ name: "", percent: "", bake: "" }]));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = (i: number, patch: Partial<Draft>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  function confirm() {
    const read = readWaveRows(rows);
    if (!read.ok) return setError(read.message);
    setError(null);
    onConfirm(read.waves);
  }
  return (
    <div className="mt-2 flex flex-col gap-2" data-testid="waves-answer">
      <div className={`${GRID} text-xs font-semibold text-zinc-500 dark:text-zinc-400`} aria-hidden="true">
        <span>Wave name</span>
        <span>Traffic %</span>
        <span>Bake</span>
        <span />
      </div>
      <ol className="flex flex-col gap-2">
        {rows.map((r, i) => (
          <li key={i} data-testid="wave-row" className={GRID}>
            <input aria-label={`Wave ${i + 1} name`} className={inputClass} value={r.name} placeholder={`Wave ${i + 1}`} onChange={(e) => set(i, { name: e.target.value })} data-testid="wave-row-name" />
            <input
              aria-label={`Wave ${i + 1} traffic percent`}
              className={inputClass}
              inputMode="decimal"
              value={r.percent}
              placeholder="%"
              onChange={(e) => set(i, { percent: e.target.value })}
              data-testid="wave-row-percent"
            />
            <input aria-label={`Wave ${i + 1} bake time`} className={inputClass} value={r.bake} placeholder="e.g. 2h" onChange={(e) => set(i, { bake: e.target.value })} data-testid="wave-row-bake" />
            <Button
              size="sm"
              variant="ghost"
              className="h-auto px-0"
              aria-label={`Remove wave ${i + 1}`}
              disabled={rows.length === 1}
              onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="neutral" data-testid="add-wave-row" onClick={() => setRows((rs) => [...rs, { name: "", percent: "", bake: "" }])}>
          Add a wave
        </Button>
        <Button size="sm" data-testid="confirm-answer" onClick={confirm} aria-describedby={error ? `${id}-error` : undefined}>
          {answered ? "Update" : "Confirm"}
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
