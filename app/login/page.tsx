// The sign-in page. callbackUrl is where the person was going; only same-site paths are followed.
import type { Metadata } from "next";
import { LoginForm } from "@/components/login/LoginForm";
import { Logo } from "@/components/ui/Logo";
import { config } from "@/lib/platform/config/config";
import { DEMO_USERS } from "@/lib/auth/server/demo-users";

export const metadata: Metadata = { title: "Sign in" };

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const cfg = config();
  const oidc = cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID && cfg.OIDC_CLIENT_SECRET ? { id: "oidc", name: cfg.OIDC_NAME } : null;
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <Logo className="size-8" />
          <span className="text-2xl font-bold tracking-tight">Tidegate</span>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">Release control for your team&apos;s rollouts.</p>
          <LoginForm
            callbackUrl={Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl}
            sso={oidc}
            password={cfg.AUTH_PASSWORD !== "off"}
            // Demo mode only: outside it there are no default passwords to show.
            demoLogins={config().TIDEGATE_DEMO === "1" ? DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: u.password })) : []}
          />
        </div>
      </div>
    </main>
  );
}
