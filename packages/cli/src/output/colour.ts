/**
 * Colour decisions: colours only when the stream is a terminal and `NO_COLOR` is not set
 * (picocolors alone would turn them on whenever `CI` is set).
 */
import { createColors } from "picocolors";

/** The colour functions the CLI uses (identity functions when colour is off). */
export type Colours = ReturnType<typeof createColors>;

/** True when output to `stream` may be coloured: a TTY, and `NO_COLOR` unset or empty. */
export function colourEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

/** Colour functions for `stream`: real on a colour terminal, plain otherwise. */
export function colours(stream: { isTTY?: boolean } = process.stdout): Colours {
  return createColors(colourEnabled(stream));
}
