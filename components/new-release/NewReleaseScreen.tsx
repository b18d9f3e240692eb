// The "New release" screen: the frame and who may see it. Only the `manage` permission gets the form; the server
// refuses everyone else anyway, this screen just does not offer what would be refused.
"use client";
import Link from "next/link";
import { AdminGate } from "../layout/AdminGate";
import { AppHeader } from "../layout/AppHeader";
import { NewReleaseForm } from "./NewReleaseForm";

export function NewReleaseScreen() {
  return (
    <>
      <AppHeader>
        <nav aria-label="Breadcrumb" className="hidden min-w-0 items-center gap-2 text-sm text-zinc-500 sm:flex dark:text-zinc-400">
          <span aria-hidden="true">/</span>
          <Link href="/" className="hover:underline">
            Releases
          </Link>
          <span aria-hidden="true">/</span>
          <span className="text-zinc-800 dark:text-zinc-200" aria-current="page">
            New release
          </span>
        </nav>
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        <AdminGate why="Releases are created by admins.">{() => <NewReleaseForm />}</AdminGate>
      </main>
    </>
  );
}
