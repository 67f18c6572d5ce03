// npm run bench: prints figures (never asserted). Loopback only, bounded in time.
import { benchPages } from "./pages.js";
import { benchSearch } from "./search.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
await benchPages(seconds);
await benchSearch();
