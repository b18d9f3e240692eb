// One checklist (pre-deployment, or one wave's go/no-go list) with its progress and the wave's state.
"use client";
import { metricBinding, progressOf, type ChecklistItemView } from "@/lib/releases/client/review-checklist";
import { ITEM_GRID } from "./checklist-grid";
import { ChecklistItemRow } from "./ChecklistItemRow";

export function ChecklistSection({
  releaseId,
  waveKey,
  title,
  subtitle,
  current,
  items,
  visible,
  canTick,
  readOnlyHintId,
  metricNow,
  ownerLock,
}: {
  releaseId: string;
  waveKey: string;
  title: string;
  /** What the list gates and the wave's state, in words. */
  subtitle: string;
  current: boolean;
  /** Every item, for the progress count. */
  items: ChecklistItemView[];
  /** The items the filters let through. */
  visible: ChecklistItemView[];
  canTick: boolean;
  /** Issue 15: why this person may not change an item (not its owner, not the commander), or null. */
  ownerLock?: (item: ChecklistItemView) => string | null;
  readOnlyHintId: string;
  metricNow: (metric: string) => string | null | undefined;
}) {
  const p = progressOf(items);
  const headingId = `checklist-${waveKey}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="checklist-section"
      data-wave={waveKey}
      className={`overflow-hidden rounded-md border print:break-inside-auto print:rounded-none ${current ? "border-sky-500 ring-1 ring-sky-500 print:ring-0" : "border-zinc-200 dark:border-zinc-800"}`}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900/60 print:break-after-avoid">
        <h3 id={headingId} className="text-sm font-bold">
          {title}
          {current ? (
            <span className="ml-2 rounded bg-sky-700 px-1.5 py-px align-middle text-[11px] font-bold tracking-wide text-white uppercase dark:bg-sky-500 dark:text-zinc-950 print:border print:border-zinc-500">
              Current
            </span>
          ) : null}
        </h3>
        <p className="flex flex-wrap gap-x-3 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
          <span>{subtitle}</span>
          <span className={p.required > 0 && p.done === p.required ? "font-semibold text-emerald-800 dark:text-emerald-300" : ""}>
            {p.required === 0 ? "No required items" : `${p.done}/${p.required} required met or waived`}
          </span>
        </p>
      </header>
      {items.length === 0 ? (
        <p className="px-3 py-2.5 text-sm text-zinc-500 dark:text-zinc-400">No checklist items for this step.</p>
      ) : visible.length === 0 ? (
        <p className="px-3 py-2.5 text-sm text-zinc-500 dark:text-zinc-400">No items here match the filters.</p>
      ) : (
        <>
          <div
            aria-hidden="true"
            className={`${ITEM_GRID} hidden border-b border-zinc-200 px-3 py-1.5 text-[11px] font-semibold tracking-wider text-zinc-500 uppercase md:grid dark:border-zinc-800 dark:text-zinc-400 print:px-1`}
          >
            <span>State</span>
            <span>Item</span>
            <span>Owner</span>
            <span>Last change · reason · evidence</span>
            <span className="hidden text-right xl:block print:hidden">Set</span>
          </div>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {visible.map((item) => {
              const binding = metricBinding(item);
              return (
                <ChecklistItemRow
                  key={item.id}
                  releaseId={releaseId}
                  item={item}
                  waveKey={waveKey}
                  canTick={canTick && !ownerLock?.(item)}
                  ownerLock={canTick ? (ownerLock?.(item) ?? null) : null}
                  readOnlyHintId={readOnlyHintId}
                  metricNow={binding ? metricNow(binding.metric) : undefined}
                />
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
