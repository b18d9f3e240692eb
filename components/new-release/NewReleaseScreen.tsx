// The "New release" screen: the frame and who may see it. Only the `manage` permission gets the form; the server
// refuses everyone else anyway, this screen just does not offer what would be refused.
"use client";
import { AdminGate } from "../layout/AdminGate";
import { AppHeader } from "../layout/AppHeader";
import { Breadcrumb, CurrentCrumb, ReleasesCrumb } from "../layout/Breadcrumb";
import { NewReleaseForm } from "./NewReleaseForm";

export function NewReleaseScreen() {
  return (
    <>
      <AppHeader>
        <Breadcrumb items={[<ReleasesCrumb key="releases" />, <CurrentCrumb key="new">New release</CurrentCrumb>]} />
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        <AdminGate why="Releases are created by admins.">{() => <NewReleaseForm />}</AdminGate>
      </main>
    </>
  );
}
