import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll } from "vitest";
import { chromium, type Browser } from "playwright-core";
import type { TestApp } from "./app.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with the flags this machine's closed network needs. Closed after the file. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  afterAll(() => browser.close());
  return browser;
}

/** Serves a test app on a free loopback port; returns its base URL. Closed after the file. */
export async function serve(testApp: TestApp): Promise<string> {
  const server: Server = await new Promise((resolve) => {
    const s = testApp.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
