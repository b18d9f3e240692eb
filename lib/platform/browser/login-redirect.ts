// Sends the browser to the sign-in page and back here afterwards.

/** Only same-site paths are followed after sign-in, so a crafted link cannot bounce users elsewhere. */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  return raw;
}

export function redirectToLogin(): void {
  if (typeof window === "undefined" || window.location.pathname === "/login") return;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(here)}`);
}
