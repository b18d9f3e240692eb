// Email + password sign-in. One generic error for every failure, so it tells an attacker nothing.
"use client";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { safeCallbackUrl } from "@/lib/platform/browser/login-redirect";
import { Button, focusRing } from "../ui/Button";

const FAILED = "Email or password is wrong, or too many attempts; try again later";

const inputClass = `h-11 w-full rounded-md border border-zinc-300 bg-white px-3 text-base dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`;

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface SsoProvider {
  id: string;
  name: string;
}

export function LoginForm({
  callbackUrl,
  demoLogins = [],
  sso = null,
  password: passwordOn = true,
}: {
  callbackUrl?: string;
  demoLogins?: DemoLogin[];
  /** The OIDC provider, when configured: "Sign in with <name>". */
  sso?: SsoProvider | null;
  /** false with AUTH_PASSWORD=off: the form is not shown. */
  password?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

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

  const ssoButton = sso ? (
    <Button
      type="button"
      variant={passwordOn ? "neutral" : "primary"}
      size="lg"
      data-testid="login-sso"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn(sso.id, { callbackUrl: safeCallbackUrl(callbackUrl) });
      }}
    >
      Sign in with {sso.name}
    </Button>
  ) : null;

  if (!passwordOn) {
    return (
      <div className="flex flex-col gap-4">
        {ssoButton ?? <p className="text-sm">No sign-in method is configured.</p>}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Password sign-in is turned off on this server.</p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate={false}>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input ref={email} id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input ref={password} id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {error ? (
        <p role="alert" data-testid="login-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" size="lg" disabled={busy} data-testid="login-submit">
        {busy ? "Signing in…" : "Sign in"}
      </Button>
      {ssoButton ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            or
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          {ssoButton}
        </>
      ) : null}
      {demoLogins.length ? (
        <div data-testid="demo-logins" className="border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
          <p className="font-semibold">Demo logins</p>
          <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">This server runs the demo (TIDEGATE_DEMO=1); pick a role to fill the form.</p>
          <ul className="flex flex-col gap-1">
            {demoLogins.map((d) => (
              <li key={d.email}>
                <button
                  type="button"
                  data-testid="demo-login"
                  onClick={() => {
                    if (email.current) email.current.value = d.email;
                    if (password.current) password.current.value = d.password;
                    password.current?.focus();
                  }}
                  className={`flex w-full flex-wrap items-baseline justify-between gap-x-3 rounded-md border border-zinc-200 px-3 py-1.5 text-left hover:bg-zinc-100 dark:border-zinc-800 dark:hover:bg-zinc-800 ${focusRing}`}
                >
                  <span className="font-semibold capitalize">{d.role}</span>
                  <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    {d.email} / {d.password}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
