// Add a person who signs in with email and password: their role and the sign-offs they may give.
"use client";
import { useId, useState } from "react";
import { useCreateUser } from "@/lib/auth/client/use-create-user";
import { ROLES, type Role } from "@/lib/auth/core/roles";
import { Button } from "../ui/Button";
import { CheckCircleIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { fieldClass, labelClass } from "./admin-styles";
import { ROLE_TEXT } from "./role-text";
import { SignoffRolesPicker } from "./SignoffRolesPicker";

/** The server's rule (lib/auth/server/create-user.ts), checked here too so the form says it before sending. */
const MIN_PASSWORD = 10;

export function CreateUserForm({ knownSignoffRoles }: { knownSignoffRoles: string[] }) {
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [signoffRoles, setSignoffRoles] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const ids = { email: useId(), name: useId(), password: useId(), role: useId(), pwHint: useId() };
  const shortPassword = password.length > 0 && password.length < MIN_PASSWORD;
  const incomplete = !email.trim() || password.length < MIN_PASSWORD;

  return (
    <form
      aria-label="Add a person"
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        if (incomplete || create.isPending) return;
        setDone(null);
        create.mutate(
          { email, name, password, role, signoffRoles },
          {
            onSuccess: (u) => {
              setDone(u.email);
              setEmail("");
              setName("");
              setPassword("");
              setRole("viewer");
              setSignoffRoles([]);
            },
          },
        );
      }}
    >
      <h3 className="text-sm font-bold">Add a person</h3>
      <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.email} className={labelClass}>
            Email
          </label>
          <input
            id={ids.email}
            type="email"
            data-testid="user-create-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="off"
            className={fieldClass}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.name} className={labelClass}>
            Name <span className="font-normal">(optional)</span>
          </label>
          <input id={ids.name} data-testid="user-create-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="off" className={fieldClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.password} className={labelClass}>
            Initial password
          </label>
          <input
            id={ids.password}
            type="password"
            data-testid="user-create-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={MIN_PASSWORD}
            maxLength={200}
            autoComplete="new-password"
            aria-describedby={ids.pwHint}
            aria-invalid={shortPassword || undefined}
            className={fieldClass}
          />
          <p id={ids.pwHint} className={`text-xs ${shortPassword ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
            At least {MIN_PASSWORD} characters; give it to them privately.
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.role} className={labelClass}>
            Role
          </label>
          <select id={ids.role} data-testid="user-create-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={fieldClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}: {ROLE_TEXT[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <SignoffRolesPicker value={signoffRoles} onChange={setSignoffRoles} known={knownSignoffRoles} />
      {create.isError ? <InlineError message={create.error.message} testId="admin-error" /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" size="sm" className="h-9" data-testid="user-create-submit" disabled={incomplete || create.isPending}>
          {create.isPending ? "Adding…" : "Add person"}
        </Button>
        {done ? (
          <p role="status" className="flex items-center gap-1.5 text-sm text-emerald-800 dark:text-emerald-300">
            <CheckCircleIcon className="size-4" />
            {done} can sign in now.
          </p>
        ) : null}
      </div>
    </form>
  );
}
