// Checkbox items: group, owner prefix, optional markers, code kept out.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./document";
import { extractItems, ownerFromText } from "./extract-checkboxes";

describe("extractItems", () => {
  it("reads checkbox items with their group, owner and whether they are required", () => {
    const md = ["- [ ] Product manager: Feature readiness sign-off", "- [x] Legal (if applicable): Data privacy review", "- plain bullet", "```", "- [ ] in code", "```"];
    const items = extractItems(parseMarkdown(md), 1, 6, { group: "Stakeholder Approval", checkboxesOnly: true });
    expect(items).toEqual([
      { text: "Product manager: Feature readiness sign-off", line: 1, group: "Stakeholder Approval", ownerRole: "Product manager", required: true, checkbox: true },
      { text: "Legal (if applicable): Data privacy review", line: 2, group: "Stakeholder Approval", ownerRole: "Legal", required: false, checkbox: true },
    ]);
  });

  it("takes every list item when asked, checkbox or not", () => {
    const items = extractItems(parseMarkdown(["- Error rate < 5%", "1. Enable the flag"]), 1, 2);
    expect(items.map((i) => [i.text, i.checkbox])).toEqual([
      ["Error rate < 5%", false],
      ["Enable the flag", false],
    ]);
  });
});

describe("ownerFromText", () => {
  it("does not take a sentence opener for a role", () => {
    expect(ownerFromText("Note: keep the flag").ownerRole).toBeUndefined();
    expect(ownerFromText("Security: CISO approval").ownerRole).toBe("Security");
    expect(ownerFromText("Error rate < 5%").ownerRole).toBeUndefined();
  });
});
