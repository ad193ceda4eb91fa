import { defineConfig } from "tsup";
import { accsynTsup } from "@accsyn/tsup-config";

// Code splitting (ESM) keeps the program in its own chunk, so the bin can answer `--version`
// before commander and the commands are loaded (in CJS the program is initialised lazily instead).
export default defineConfig(accsynTsup({ entry: ["src/index.ts", "src/bin.ts"], splitting: true }));
