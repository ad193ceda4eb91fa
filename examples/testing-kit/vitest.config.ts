import { defineConfig } from "vitest/config";

// The testing-kit recipe: one emulator for the whole run (globalSetup), a reset before each test (test/emulator.ts).
// The files share that emulator, so they run one after the other; for parallel files, start one emulator per
// worker in a setup file instead (README).
export default defineConfig({
  test: {
    name: "example-testing-kit",
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
