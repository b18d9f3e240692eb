// A titled section of the board. The heading keeps screen-reader navigation by landmark and heading useful.
import type { ReactNode } from "react";

export function Panel({
  title,
  actions,
  children,
  className = "",
  id,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={headingId} className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
