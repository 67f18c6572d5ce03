import express from "express";
import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownHooks } from "../../src/lib/shutdown.js";

describe("shutdown work", () => {
  it("runs each app's hooks in the order registered; one that fails is reported and the rest still run", async () => {
    const app = express();
    const other = express();
    const ran: string[] = [];
    onShutdown(app, "visit buffer", async () => {
      await new Promise((r) => setTimeout(r, 10));
      ran.push("visit buffer");
    });
    onShutdown(app, "broken", () => {
      throw new Error("disk full");
    });
    onShutdown(app, "view counts", () => void ran.push("view counts"));
    onShutdown(other, "other app", () => void ran.push("other app"));

    const reported: string[] = [];
    const failed = await runShutdownHooks(app, (name, error) => reported.push(`${name}: ${(error as Error).message}`));
    expect(ran).toEqual(["visit buffer", "view counts"]);
    expect(failed).toEqual(["broken"]);
    expect(reported).toEqual(["broken: disk full"]);
    expect(await runShutdownHooks(express(), () => {})).toEqual([]);
  });
});
