// `npm test` runs browser tests in Debian's Chromium; install it when missing (these machines
// run as root), or say exactly what to install. Never `playwright install`: it downloads a browser.
import { execSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium không có tại ${CHROMIUM}. Hãy cài: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Đang cài Chromium cho kiểm thử trình duyệt (apt-get install -y chromium)…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
}
