// Email + password sign-in. One generic error for every failure, so it tells an attacker nothing.
"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { safeCallbackUrl } from "@/lib/client/login-redirect";
import { Button, focusRing } from "../ui/Button";

const FAILED = "Email or password is wrong, or too many attempts; try again later";

const inputClass = `h-11 w-full rounded-md border border-zinc-300 bg-white px-3 text-base dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`;

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error || !result.ok) throw new Error("sign-in failed");
      // A full load, so the socket connects with the new session cookie.
      window.location.assign(safeCallbackUrl(callbackUrl));
    } catch {
      setError(FAILED);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate={false}>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {error ? (
        <p role="alert" data-testid="login-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" size="lg" disabled={busy} data-testid="login-submit">
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
