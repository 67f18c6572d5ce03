// npm run bench: prints figures (never asserted). Loopback only, bounded in time.
import { benchPages } from "./pages.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
await benchPages(seconds);
