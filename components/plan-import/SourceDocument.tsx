// The imported document with line numbers; the lines a field came from are highlighted and scrolled into view.
"use client";
import { memo, useEffect, useRef } from "react";
import type { LineRange } from "@/lib/plans/import/types";

export const SourceDocument = memo(function SourceDocument({
  lines,
  highlight,
  unmapped,
}: {
  lines: string[];
  highlight: LineRange | null;
  /** Lines no field came from, shaded so a reader sees what the plan leaves out. */
  unmapped: ReadonlySet<number>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!highlight || !box.current) return;
    const el = box.current.querySelector<HTMLElement>(`[data-line="${highlight.fromLine}"]`);
    // Scroll the document pane only, never the page under the reader's cursor.
    if (el) box.current.scrollTo({ top: Math.max(0, el.offsetTop - box.current.clientHeight / 3), behavior: "auto" });
  }, [highlight]);
  const on = (n: number) => !!highlight && n >= highlight.fromLine && n <= highlight.toLine;
  return (
    <div
      ref={box}
      data-testid="source-document"
      role="region"
      tabIndex={0}
      aria-label="The imported document"
      className="relative max-h-[45vh] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 font-mono text-xs leading-5 lg:max-h-[calc(100vh-9rem)] dark:border-zinc-800 dark:bg-zinc-950"
    >
      <ol className="min-w-max py-1">
        {lines.map((text, i) => {
          const n = i + 1;
          const hl = on(n);
          return (
            <li
              key={n}
              data-line={n}
              data-highlighted={hl || undefined}
              className={`flex ${hl ? "bg-amber-200/80 text-zinc-950 dark:bg-amber-500/30 dark:text-zinc-50" : unmapped.has(n) ? "bg-zinc-200/50 text-zinc-500 dark:bg-zinc-800/40 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100"}`}
            >
              <span aria-hidden className="w-11 shrink-0 pr-2 text-right text-zinc-400 select-none dark:text-zinc-600">
                {n}
              </span>
              <span className="pr-3 whitespace-pre">{text || " "}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
});
