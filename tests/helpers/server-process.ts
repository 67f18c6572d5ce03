import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

// The real server (src/server.ts) in its own process on loopback, and a cookie-keeping HTTP client
// for it: for tests that kill or stop the process, and for the soak run (bench/soak.ts).

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  base: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Resolves when the process has ended, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface SiteFiles {
  dbFile: string;
  uploadDir: string;
}

/**
 * Starts `node --import tsx src/server.ts` on the given files and waits until /healthz answers.
 * The process is node itself (no npx or tsx wrapper in between), so a signal sent to `pid` reaches
 * the server. NODE_ENV=test keeps the logs quiet and allows a low bcrypt cost.
 */
export async function startServer(files: SiteFiles, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      TZ: process.env["TZ"] ?? "UTC",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${files.dbFile}`,
      UPLOAD_DIR: files.uploadDir,
      SESSION_SECRET: "crash-test-secret-crash-test-secret",
      BCRYPT_COST: "4",
      SEED_DEMO: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  for (const started = Date.now(); ; ) {
    if (gone) throw new Error(`the server exited during start-up:\n${output}`);
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /healthz within 60 s:\n${output}`);
    }
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, port, pid: child.pid!, process: child, exited, output: () => output };
}

/** A browser-like user agent: requests without one are robots and their page views are not counted. */
export const BROWSER_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

/** fetch with a cookie jar, like one browser: cookies set by answers are sent back with later requests. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ "user-agent": BROWSER_UA, ...this.headers });
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(this.base + pathname, { redirect: "manual", ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  }

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The CSRF token of the first form on a page. */
  async csrfFrom(pathname: string): Promise<string> {
    const res = await this.fetch(pathname);
    const match = /name="_csrf" value="([^"]+)"/.exec(await res.text());
    if (!match) throw new Error(`no CSRF token on ${pathname} (status ${res.status})`);
    return match[1]!;
  }

  /** Posts a urlencoded form. */
  postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(pathname, { method: "POST", body: new URLSearchParams(fields), headers });
  }
}

/** Signs in through the login form; returns the browser and the CSRF token for the admin pages. */
export async function signIn(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const browser = new Browser(base, headers);
  const _csrf = await browser.csrfFrom("/admin/login");
  const res = await browser.postForm("/admin/login", { email, password, _csrf });
  if (res.status !== 303) throw new Error(`sign-in as ${email} answered ${res.status}`);
  await res.arrayBuffer();
  return { browser, csrf: await browser.csrfFrom("/admin/articles/new") };
}
