// /admin's list of the configured traffic routers (from TRAFFIC_ROUTERS; read-only, secrets masked).
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";

export interface ConfiguredRouter {
  name: string;
  kind: string;
  settings: Record<string, string>;
}

export function useTrafficRouters() {
  return useQuery({
    queryKey: ["traffic-routers"] as const,
    queryFn: async () => (await apiGet<{ routers: ConfiguredRouter[] }>("/api/traffic-routers")).routers,
  });
}
