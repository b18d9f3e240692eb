// The one button style: real <button>, visible focus ring, variants by consequence (danger is red).
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "danger" | "warning" | "retreat" | "neutral" | "ghost" | "blocked";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-sky-700 text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-zinc-950 dark:hover:bg-sky-400",
  danger: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500",
  warning: "bg-amber-400 text-zinc-950 hover:bg-amber-300",
  /** STEP BACK: lowers traffic like a rollback but keeps the release; told apart from PAUSE's amber beside it (7:1 contrast). */
  retreat: "bg-violet-700 text-white hover:bg-violet-800 dark:bg-violet-400 dark:text-zinc-950 dark:hover:bg-violet-300",
  neutral:
    "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  ghost: "text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800",
  /** A step whose gates are unmet: still clickable (to read why, or override), never mistaken for a go. */
  blocked:
    "border-2 border-dashed border-red-400 bg-white text-red-900 hover:bg-red-50 dark:border-red-700 dark:bg-zinc-900 dark:text-red-200 dark:hover:bg-red-950/40",
};

const SIZES = { sm: "h-8 px-3 text-sm", md: "h-10 px-4 text-sm", lg: "h-12 px-5 text-base" } as const;

export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:focus-visible:outline-sky-400";

export function Button({
  variant = "neutral",
  size = "md",
  className = "",
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof SIZES }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-2 rounded-md font-semibold tracking-wide whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-45 ${focusRing} ${VARIANTS[variant]} ${SIZES[size]} ${className}`}
      {...rest}
    />
  );
}
