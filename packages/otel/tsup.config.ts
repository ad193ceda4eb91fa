import { defineConfig } from "tsup";
import { accsynTsup } from "@accsyn/tsup-config";

export default defineConfig(accsynTsup({ entry: ["src/index.ts"] }));
