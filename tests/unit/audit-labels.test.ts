import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS } from "../../src/services/audit.js";

// The audit log shows each action in Vietnamese: an action written in the code without a label
// would show as its raw code ("procedure.form_delete") to the administrator.
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("audit action labels", () => {
  it("every action named in the code has a Vietnamese label", () => {
    // Any string literal "<area>.<verb>" whose area is one the log knows ("procedure", "par", …).
    const areas = new Set(Object.keys(AUDIT_ACTION_LABELS).map((a) => a.split(".")[0]!));
    const named = new Set<string>();
    for (const file of sourceFiles(path.resolve("src"))) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/"([a-zA-Z]+)\.([a-z_]+(?:\.[a-z_]+)*)"/g)) {
        if (areas.has(m[1]!)) named.add(`${m[1]}.${m[2]}`);
      }
    }
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((a) => !(a in AUDIT_ACTION_LABELS)).sort()).toEqual([]);
  });
});
