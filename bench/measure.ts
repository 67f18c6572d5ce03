import fs from "node:fs";
import autocannon from "autocannon";
import type { Answer } from "./bare-server.js";

// One measurement: autocannon against a loopback URL for a fixed time, and the resident memory of a
// process sampled while it runs.

export const CONNECTIONS = 32;

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts plus answers outside 2xx. */
  errors: number;
  non2xx: number;
}

/** Requests per second and latency (ms) of `url` under CONNECTIONS connections for `seconds`. */
export async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Measurement> {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`loopback only, not ${url}`);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** The answer to one request with these headers, as the bare server will repeat it. */
export async function fetchAnswer(url: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "application/octet-stream", body: Buffer.from(await res.arrayBuffer()) };
}

/** VmRSS of a process in bytes (0 once it is gone). */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the process's VmRSS every `everyMs` until stopped; stop() gives the largest reading. */
export function sampleMemory(pid: number, everyMs = 200): { stop(): number } {
  let max = residentBytes(pid);
  const timer = setInterval(() => (max = Math.max(max, residentBytes(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, residentBytes(pid));
    },
  };
}

/** CPU time the process has used so far, in clock ticks (utime + stime of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * Waits until the process has used at most 2 ticks (~20 ms) of CPU over half a second, at most
 * `maxSeconds`: a page whose requests outlive the load (abandoned by autocannon at the end, still
 * being worked on) must not slow down the next measurement. Returns the seconds waited.
 */
export async function waitUntilIdle(pid: number, maxSeconds = 60): Promise<number> {
  const started = performance.now();
  for (let before = cpuTicks(pid); performance.now() - started < maxSeconds * 1000; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks(pid);
    if (now - before <= 2) break;
    before = now;
  }
  return (performance.now() - started) / 1000;
}
