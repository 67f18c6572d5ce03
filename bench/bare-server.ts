import http from "node:http";
import type { AddressInfo } from "node:net";

// The limit for one page: a bare node:http server in its own process that answers every request with
// the bytes the app gave for that page (status, content type, body) from memory, with no routing, no
// template and no database. Started by startBare (bench/site.ts), which says over the IPC channel
// which answer to give: { status, contentType, body (base64) }, acknowledged with { ready: true }.

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

export type AnswerMessage = { status: number; contentType: string; body: string };

if (!process.send) throw new Error("bench/bare-server.ts runs as a child process of the bench (it needs an IPC channel)");

let answer: Answer = { status: 200, contentType: "text/plain", body: Buffer.from("ok") };
const server = http.createServer((_req, res) => {
  res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": answer.body.length });
  res.end(answer.body);
});
server.keepAliveTimeout = 60_000;
process.on("message", (m: AnswerMessage) => {
  answer = { status: m.status, contentType: m.contentType, body: Buffer.from(m.body, "base64") };
  process.send!({ ready: true });
});
process.on("disconnect", () => process.exit(0)); // the bench has finished or is gone
process.on("SIGINT", () => {}); // Ctrl-C reaches the whole group: wait for the bench to disconnect
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
