// The trail after the product name in the top bar ("/ Releases / Batch patches"), one look on every screen.
import Link from "next/link";
import type { ReactNode } from "react";

export function Breadcrumb({ items }: { items: ReactNode[] }) {
  return (
    <nav aria-label="Breadcrumb" className="hidden min-w-0 items-center gap-2 text-sm text-zinc-500 sm:flex dark:text-zinc-400">
      {items.map((item, i) => (
        <span key={i} className="contents">
          <span aria-hidden="true">/</span>
          {item}
        </span>
      ))}
    </nav>
  );
}

export function ReleasesCrumb() {
  return (
    <Link href="/" className="hover:underline">
      Releases
    </Link>
  );
}

export function CurrentCrumb({ children }: { children: ReactNode }) {
  return (
    <span className="text-zinc-800 dark:text-zinc-200" aria-current="page">
      {children}
    </span>
  );
}
