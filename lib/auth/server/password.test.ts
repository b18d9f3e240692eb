import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores a salted scrypt hash, never the password", async () => {
    const a = await hashPassword("correct-horse-battery");
    const b = await hashPassword("correct-horse-battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toContain("correct-horse-battery");
    expect(a).not.toBe(b);
  });

  it("verifies the right password and refuses wrong or tampered ones", async () => {
    const stored = await hashPassword("correct-horse-battery");
    expect(await verifyPassword("correct-horse-battery", stored)).toBe(true);
    expect(await verifyPassword("correct-horse-batterz", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
    const parts = stored.split("$");
    parts[5] = Buffer.from("x".repeat(32)).toString("base64");
    expect(await verifyPassword("correct-horse-battery", parts.join("$"))).toBe(false);
    expect(await verifyPassword("correct-horse-battery", "plain-text")).toBe(false);
  });
});
