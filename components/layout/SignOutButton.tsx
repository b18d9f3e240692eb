// Signs out and lands on the sign-in page; a full navigation drops the socket and every cached answer.
"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "../ui/Button";
import { LogOutIcon } from "../ui/icons";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await signOut({ redirect: false });
        } finally {
          window.location.assign("/login");
        }
      }}
    >
      <LogOutIcon />
      <span className="hidden sm:inline">Sign out</span>
      <span className="sr-only sm:hidden">Sign out</span>
    </Button>
  );
}
