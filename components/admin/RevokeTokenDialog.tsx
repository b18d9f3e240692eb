// Revoking cannot be undone: machines using the token are refused from their next request.
"use client";
import type { ApiTokenView } from "@/lib/auth/client/use-api-tokens";
import { useRevokeApiToken } from "@/lib/auth/client/use-revoke-api-token";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { InlineError } from "../ui/InlineError";

export function RevokeTokenDialog({ token, scope, onClose }: { token: ApiTokenView; scope: string; onClose: () => void }) {
  const revoke = useRevokeApiToken();
  return (
    <ConfirmDialog
      title={`Revoke the token “${token.name}”?`}
      testId="token-revoke-dialog"
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      confirmTestId="token-revoke-confirm"
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate(token.id, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p className="text-sm">
        Anything using it ({scope}) is refused from its next request, and this cannot be undone. The token stays listed as
        revoked for the record.
      </p>
      {revoke.isError ? <InlineError message={revoke.error.message} testId="admin-error" /> : null}
    </ConfirmDialog>
  );
}
