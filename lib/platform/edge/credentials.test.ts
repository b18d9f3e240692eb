import { describe, expect, it } from "vitest";
import { bearerToken, sdkKeyOf } from "./credentials";

describe("reading a caller's key", () => {
  it("takes a bearer token in any case, and nothing from other schemes or an empty one", () => {
    expect(bearerToken({ authorization: "Bearer tg_abc" })).toBe("tg_abc");
    expect(bearerToken({ authorization: "bearer  tg_abc " })).toBe("tg_abc");
    expect(bearerToken({ authorization: "Bearer " })).toBeUndefined();
    expect(bearerToken({ authorization: "Basic dXNlcjpwdw==" })).toBeUndefined();
    expect(bearerToken({})).toBeUndefined();
  });

  it("takes an SDK key from X-API-Key first, else Authorization with or without Bearer", () => {
    expect(sdkKeyOf({ "x-api-key": " tg_sdk_x ", authorization: "Bearer tg_other" })).toBe("tg_sdk_x");
    expect(sdkKeyOf({ authorization: "Bearer tg_sdk_y" })).toBe("tg_sdk_y");
    expect(sdkKeyOf({ authorization: "tg_sdk_z" })).toBe("tg_sdk_z");
    expect(sdkKeyOf({ "x-api-key": "  " })).toBeUndefined();
    expect(sdkKeyOf({})).toBeUndefined();
  });
});
