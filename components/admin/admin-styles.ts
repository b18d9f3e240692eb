// Class names the admin screen repeats: form fields and their labels, compact row buttons.
import { focusRing } from "../ui/Button";

export const fieldClass = `h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2.5 text-sm dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`;

export const labelClass = "text-xs font-semibold text-zinc-600 dark:text-zinc-400";

/** Smaller than <Button size="sm">, whose size classes cannot be overridden reliably, so table rows stay compact. */
export const rowButton = `inline-flex h-7 items-center justify-center gap-1 rounded-md border border-zinc-300 bg-white px-2 text-xs font-semibold whitespace-nowrap text-zinc-800 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-45 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`;

export const rowButtonDanger = `inline-flex h-7 items-center justify-center gap-1 rounded-md border border-red-300 bg-white px-2 text-xs font-semibold whitespace-nowrap text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-45 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950/50 ${focusRing}`;

/** Table cells that become labelled lines on phones (the header row is hidden there). */
export const cellClass = "px-3 py-2 align-top max-md:block max-md:px-0 max-md:py-0.5";
export const phoneLabel = "text-xs font-semibold text-zinc-500 md:hidden dark:text-zinc-400";
