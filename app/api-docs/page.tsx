// The HTTP API reference, public like /api/openapi.json: rendered on the server from the same document.
import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/ApiReference";
import { AppHeader } from "@/components/layout/AppHeader";
import { Breadcrumb, CurrentCrumb } from "@/components/layout/Breadcrumb";
import { openApiDocument } from "@/lib/api/server/catalogue";

export const metadata: Metadata = { title: "API reference" };

export default function ApiDocsPage() {
  return (
    <>
      <AppHeader>
        <Breadcrumb items={[<CurrentCrumb key="api">API reference</CurrentCrumb>]} />
      </AppHeader>
      <main className="mx-auto max-w-[1100px] px-3 py-4 sm:px-5">
        <ApiReference document={openApiDocument()} />
      </main>
    </>
  );
}
