// TypeDoc plugin: TypeDoc 0.28.8 (the pinned version) lists TypeScript 5.0–5.8 as supported and warns
// "unsupported TypeScript version" on 5.9, which `treatWarningsAsErrors` turns into a failure. It
// converts this repository's 5.9 sources correctly, so this drops exactly that one warning while the
// compiler is 5.9; every other warning still fails `pnpm docs`. Remove it once TypeDoc >= 0.28.12
// (which supports 5.9) is installed.
import ts from "typescript";

const UNSUPPORTED_TS = "You are running with an unsupported TypeScript version!";

/** @param {import("typedoc").Application} app */
export function load(app) {
  if (ts.versionMajorMinor !== "5.9") return;
  const warn = app.logger.warn.bind(app.logger);
  app.logger.warn = (message, ...rest) => {
    if (typeof message === "string" && message.startsWith(UNSUPPORTED_TS)) return;
    warn(message, ...rest);
  };
}
