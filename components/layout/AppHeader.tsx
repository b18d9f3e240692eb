// The top bar on working screens: product name (home), what the screen is, who is signed in and as what.
"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { hasPermission, useMe } from "@/lib/auth/client/use-me";
import { focusRing } from "../ui/Button";
import { UserIcon } from "../ui/icons";
import { Logo } from "../ui/Logo";
import { SignOutButton } from "./SignOutButton";

export function AppHeader({ children }: { children?: ReactNode }) {
  const me = useMe();
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/95 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-3 px-3 sm:px-5">
        <Link href="/" className={`flex items-center gap-2 rounded font-bold tracking-tight ${focusRing}`}>
          <Logo />
          <span>Tidegate</span>
        </Link>
        <div className="flex min-w-0 flex-1 items-center gap-3">{children}</div>
        {me.data ? (
          <div className="flex items-center gap-2 text-sm">
            {hasPermission(me.data, "manage") ? (
              <Link
                href="/admin"
                data-testid="nav-admin"
                className={`rounded px-2 py-1 font-semibold text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
              >
                Admin
              </Link>
            ) : null}
            <span className="hidden items-center gap-1.5 text-zinc-700 md:inline-flex dark:text-zinc-300" title={me.data.user.email}>
              <UserIcon className="size-4 text-zinc-400" />
              <span className="max-w-[18ch] truncate">{me.data.user.name}</span>
            </span>
            {/* On a phone the live-connection state needs the room more than the role does. */}
            <span
              className="hidden rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold text-zinc-700 uppercase sm:inline dark:bg-zinc-800 dark:text-zinc-300"
              title="Your role"
            >
              {me.data.user.role}
            </span>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}

