// Class names the review page repeats: the filter selects, the compact row buttons, links styled as buttons.
import { focusRing } from "../ui/Button";

export const selectClass = `h-9 min-w-0 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`;

/**
 * Row-level buttons (taller on touch screens) are smaller than <Button size="sm"> so a checklist row or a matrix cell stays one line on
 * desktop; Button's size classes cannot be overridden reliably, hence a class of our own in the same palette.
 */
export const miniButton = `inline-flex h-8 items-center justify-center gap-1 rounded-md border px-2 text-xs sm:h-7 font-semibold whitespace-nowrap transition-colors disabled:cursor-not-allowed ${focusRing}`;

export const miniTone = {
  neutral:
    "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 disabled:opacity-45 disabled:hover:bg-white dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 dark:disabled:hover:bg-zinc-900",
  /** The state an item is in: shown pressed, and not clickable again (re-sending would clear its reason). */
  pressed: "border-zinc-400 bg-zinc-200 text-zinc-900 shadow-inner dark:border-zinc-500 dark:bg-zinc-700 dark:text-zinc-50",
  approve:
    "border-emerald-600 bg-white text-emerald-800 hover:bg-emerald-50 disabled:opacity-45 disabled:hover:bg-white dark:border-emerald-700 dark:bg-zinc-900 dark:text-emerald-300 dark:hover:bg-emerald-950/50 dark:disabled:hover:bg-zinc-900",
  danger:
    "border-red-300 bg-white text-red-800 hover:bg-red-50 disabled:opacity-45 disabled:hover:bg-white dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950/50 dark:disabled:hover:bg-zinc-900",
} as const;

export const linkButton = `inline-flex h-10 items-center gap-1.5 rounded-md border border-zinc-300 px-3 text-sm font-semibold text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`;
