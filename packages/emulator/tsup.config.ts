import { defineConfig } from "tsup";
import { accsynTsup } from "@accsyn/tsup-config";

// shims: the CommonJS build gets an import.meta.url, which loads the optional better-sqlite3 (store/sqlite-better.ts).
export default defineConfig(accsynTsup({ entry: ["src/index.ts", "src/bin.ts"], shims: true }));
