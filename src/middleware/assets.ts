import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";
import { encodedBody, type PageBody } from "../services/page-cache.js";

// Stylesheets, scripts and the SVG logo: read once, served from memory, compressed on first demand.
const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};
const IMMUTABLE = "public, max-age=31536000, immutable";

export interface AssetFolder {
  dir: string;
  /** URL prefix, e.g. "/assets". */
  prefix: string;
  /** Only these files (relative to dir), or every CSS, JS and SVG file under it. */
  files?: string[];
}

interface Asset {
  type: string;
  body: PageBody;
}

/**
 * `url("/assets/css/site.css")` gives "/assets/css/site.<hash>.css", served for a year as immutable:
 * a new release changes the name, so browsers never keep an old stylesheet. The plain name still
 * answers (old pages, other sites' links), with `plainMaxAge`.
 */
export interface Assets {
  url(plainPath: string): string;
  handler: RequestHandler;
}

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => path.extname(f) in TYPES);
}

export function createAssets(folders: AssetFolder[], options: { fingerprint: boolean; plainMaxAge: string }): Assets {
  const plain = new Map<string, Asset>();
  const fingerprinted = new Map<string, Asset>();
  const urls = new Map<string, string>();
  for (const { dir, prefix, files } of folders) {
    for (const file of files ?? listFiles(dir)) {
      const raw = fs.readFileSync(path.join(dir, file));
      const hash = crypto.createHash("sha256").update(raw).digest("hex").slice(0, 12);
      const ext = path.extname(file);
      const plainPath = `${prefix}/${file.split(path.sep).join("/")}`;
      const asset = { type: TYPES[ext]!, body: { raw, etag: `"${hash}"`, liveKey: "" } };
      const hashed = `${plainPath.slice(0, -ext.length)}.${hash}${ext}`;
      plain.set(plainPath, asset);
      fingerprinted.set(hashed, asset);
      urls.set(plainPath, hashed);
    }
  }
  return {
    url: (p) => (options.fingerprint ? (urls.get(p) ?? p) : p),
    handler(req, res, next) {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      const immutable = fingerprinted.get(req.path);
      const asset = immutable ?? plain.get(req.path);
      if (!asset) return next();
      res.set({ "cache-control": immutable ? IMMUTABLE : `public, max-age=${options.plainMaxAge}`, etag: asset.body.etag, vary: "Accept-Encoding" });
      if (req.headers["if-none-match"] === asset.body.etag) {
        res.status(304).end();
        return;
      }
      const { bytes, encoding } = encodedBody(asset.body, req.headers["accept-encoding"]);
      if (encoding) res.set("content-encoding", encoding);
      res.type(asset.type).set("content-length", String(bytes.length)).end(bytes);
    },
  };
}
