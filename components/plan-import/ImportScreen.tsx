// The "Import a plan" screen: the frame and who may see it (the server refuses everyone but admins anyway).
"use client";
import { AdminGate } from "../layout/AdminGate";
import { AppHeader } from "../layout/AppHeader";
import { Breadcrumb, CurrentCrumb, ReleasesCrumb } from "../layout/Breadcrumb";
import { ImportForm } from "./ImportForm";

export function ImportScreen() {
  return (
    <>
      <AppHeader>
        <Breadcrumb items={[<ReleasesCrumb key="releases" />, <CurrentCrumb key="import">Import a plan</CurrentCrumb>]} />
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        <AdminGate why="Releases are created by admins.">{() => <ImportForm />}</AdminGate>
      </main>
    </>
  );
}
