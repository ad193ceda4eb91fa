/**
 * The small files the demo seed puts on its default volume, written when the emulator seeds an
 * empty store: a plate sequence, an edit and a nested folder, so that a first `ls`, `getsize`,
 * transfer or delivery against a fresh `pnpm emulator` has something real to work on.
 */

/** Shots of the demo plate sequences, and the frames of each. */
const SHOTS = ["sh010", "sh020"];
const FRAMES = [1001, 1002, 1003, 1004, 1005];
/** Bytes of one plate frame (small: the whole demo volume stays under 1 MiB). */
const FRAME_BYTES = 48 * 1024;

/** Text of `bytes` length that says what the file stands for (the emulator copies bytes, it never decodes them). */
function filler(label: string, bytes: number): string {
  const head = `accsyn emulator demo file: ${label}\n`;
  return head + ".".repeat(Math.max(0, bytes - head.length - 1)) + "\n";
}

/**
 * The demo volume's files, relative path → content (the seed's `files` format): `plates/<shot>/`
 * frame sequences, `edit/trailer_v001.mov`, and `editorial/notes/2024/` nested two levels deep.
 */
export function demoVolumeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const shot of SHOTS) {
    for (const frame of FRAMES) files[`plates/${shot}/${shot}_plate.${frame}.exr`] = filler(`${shot} plate, frame ${frame}`, FRAME_BYTES);
  }
  files["edit/trailer_v001.mov"] = filler("trailer edit v001", 256 * 1024);
  files["editorial/notes/2024/turnover.txt"] = "Turnover for the trailer: plates sh010 and sh020, edit v001.\n";
  files["editorial/notes/2024/shotlist.csv"] = "shot,frames,plate\nsh010,1001-1005,plates/sh010\nsh020,1001-1005,plates/sh020\n";
  files["TO_ACME/"] = "";
  return files;
}
