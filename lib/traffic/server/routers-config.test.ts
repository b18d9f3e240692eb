import { describe, expect, it } from "vitest";
import { describeRouter, kindOf, parseRoutersConfig } from "./routers-config";

describe("TRAFFIC_ROUTERS", () => {
  it("reads an HAProxy and a Gateway API router, each checked by its own adapter's schema", () => {
    const routers = parseRoutersConfig(
      JSON.stringify({
        edge: { haproxy: { runtimeApi: "127.0.0.1:9999", backend: "app", stableServer: "stable", canaryServer: "canary" } },
        mesh: { gatewayApi: { kubeconfig: "/etc/tidegate/kubeconfig", namespace: "shop", route: "checkout", rule: 0, stableBackend: "checkout-v1", canaryBackend: "checkout-v2" } },
      }),
    );
    expect(kindOf(routers.edge)).toBe("haproxy");
    expect(kindOf(routers.mesh)).toBe("gatewayApi");
    expect(describeRouter("mesh", routers.mesh).settings.kubeconfig).toBe("(set)");
  });

  it("names the field of a Gateway API router that is wrong", () => {
    expect(() => parseRoutersConfig(JSON.stringify({ mesh: { gatewayApi: { namespace: "Shop!", route: "checkout", stableBackend: "a", canaryBackend: "b" } } }))).toThrow(
      /mesh\.gatewayApi\.namespace/,
    );
    expect(() => parseRoutersConfig(JSON.stringify({ mesh: { gatewayApi: { namespace: "shop", route: "checkout", stableBackend: "a", canaryBackend: "b", token: "x" } } }))).toThrow(
      /mesh\.gatewayApi/,
    );
  });

  it("refuses an entry of no known kind, or of two kinds at once", () => {
    expect(() => parseRoutersConfig(JSON.stringify({ edge: { nginx: {} } }))).toThrow(/edge/);
    expect(() => parseRoutersConfig("{not json")).toThrow(/not JSON/);
    expect(parseRoutersConfig("")).toEqual({});
  });
});
