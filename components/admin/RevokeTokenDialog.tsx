// Revoking cannot be undone: machines using the token are refused from their next request.
"use client";
import type { ApiTokenView } from "@/lib/client/use-api-tokens";
import { useRevokeApiToken } from "@/lib/client/use-revoke-api-token";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { FormError } from "./FormError";

export function RevokeTokenDialog({ token, scope, onClose }: { token: ApiTokenView; scope: string; onClose: () => void }) {
  const revoke = useRevokeApiToken();
  return (
    <Dialog title={`Revoke the token “${token.name}”?`} onClose={onClose} tone="danger" testId="token-revoke-dialog">
      <div className="flex flex-col gap-4">
        <p className="text-sm">
          Anything using it ({scope}) is refused from its next request, and this cannot be undone. The token stays listed as
          revoked for the record.
        </p>
        {revoke.isError ? <FormError message={revoke.error.message} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            data-testid="token-revoke-confirm"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(token.id, { onSuccess: onClose })}
          >
            {revoke.isPending ? "Revoking…" : "Revoke token"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
