// The new token's secret, shown exactly once: the server keeps only its hash.
"use client";
import type { CreatedApiToken } from "@/lib/auth/client/use-create-api-token";
import { ShownOnceSecret } from "./ShownOnceSecret";

export function TokenSecret({ created, scope, onDismiss }: { created: CreatedApiToken; scope: string; onDismiss: () => void }) {
  return (
    <ShownOnceSecret kind="token" title="Copy this token now. It is shown only once." secret={created.token} onDismiss={onDismiss}>
      Tidegate keeps only a hash of it, so nobody can show it again. If it is lost, revoke it and create a new one. Token “{created.name}”, scope:{" "}
      {scope}.
    </ShownOnceSecret>
  );
}
