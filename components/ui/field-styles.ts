// The text field style of forms inside dialogs and panels (reasons, comments, evidence links).
import { focusRing } from "./Button";

export const inputClass = `w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`;
