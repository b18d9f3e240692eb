// Client-side providers for every page: one react-query client per browser tab.
"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { switchClocksToLocalTime } from "@/lib/platform/browser/format-time";
import { ApiError } from "@/lib/platform/browser/api-error";

function makeClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (401/403/404) will not change by asking again; server and network errors might.
        retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 3,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  useEffect(() => switchClocksToLocalTime(), []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
