import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources; packaging tests check the built dist/ separately.
export default defineConfig({
  resolve: {
    alias: {
      "@accsyn/core": pkg("core"),
      "@accsyn/entities": pkg("entities"),
      "@accsyn/files": pkg("files"),
      "@accsyn/acl": pkg("acl"),
      "@accsyn/settings": pkg("settings"),
      "@accsyn/api": pkg("api"),
      "@accsyn/emulator": pkg("emulator"),
      "@accsyn/otel": pkg("otel"),
    },
  },
  define: { __ACCSYN_PKG_VERSION__: JSON.stringify("0.0.0-test") },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "accsyn",
          include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
          typecheck: { enabled: true, include: ["packages/*/test/**/*.test-d.ts"], tsconfig: "./tsconfig.typetests.json" },
        },
      },
      // The testing-kit example is a user project: its own config (globalSetup), the built packages.
      "examples/testing-kit/vitest.config.ts",
    ],
  },
});
