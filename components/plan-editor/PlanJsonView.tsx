// The JSON view, loaded on demand in the browser only: CodeMirror and the schema tooling stay out of the page's
// first bundle and out of server rendering.
"use client";
import dynamic from "next/dynamic";

export const PlanJsonView = dynamic(() => import("./PlanCodeEditor").then((m) => m.PlanCodeEditor), {
  ssr: false,
  loading: () => (
    <div
      data-testid="plan-json-loading"
      className="flex min-h-[22rem] items-center justify-center rounded-md border border-zinc-300 bg-zinc-50 text-sm text-zinc-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-400"
    >
      Loading the JSON editor…
    </div>
  ),
});
