// Runs a child process that prints its result as JSON on its last line of output.
import { spawn } from "node:child_process";

/**
 * Runs `command …args` and resolves with its last output line parsed as JSON; rejects with the
 * exit code and the last lines of its output when it fails or prints no JSON.
 */
export function spawnJson(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) {
        try {
          resolve(JSON.parse(last));
          return;
        } catch {
          // reported below
        }
      }
      reject(new Error(`${args[0]} exited ${code}: ${(err || out).trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}
