/**
 * Job progress: a live cli-progress bar on a terminal (percent, speed, ETA from the job), plain
 * lines otherwise (one per change of status or progress). Both write to stderr so that stdout
 * keeps the command's result.
 */

/** What a progress display receives on each poll. */
export interface JobProgress {
  status: string | undefined;
  progress: number | undefined;
  entity: Record<string, unknown>;
}

/** A progress display for one job. */
export interface ProgressDisplay {
  /** Shows the job's latest status and progress. */
  update(progress: JobProgress): void;
  /** Ends the display (the bar is finished, the cursor released). */
  stop(): void;
}

/** The speed of a job for display (`12.0 MB/s`, `-` when idle). */
export function speedText(entity: Record<string, unknown>): string {
  const speed = entity.speed;
  return typeof speed === "number" && speed >= 0 ? `${speed.toFixed(1)} MB/s` : "-";
}

/** The estimated time remaining of a job for display (`70s`, the backend's text, `-`). */
export function etaText(entity: Record<string, unknown>): string {
  const etr = entity.etr;
  if (typeof etr === "string" && etr.trim() !== "") return etr;
  if (typeof etr === "number" && etr >= 0) return `${Math.round(etr)}s`;
  return "-";
}

/** Plain progress lines: `transfer 6f1… running 42% 12.0 MB/s ETA 0:01:10`. */
export function plainProgress(label: string, stream: NodeJS.WritableStream = process.stderr): ProgressDisplay {
  let last = "";
  return {
    update({ status, progress, entity }) {
      const line = `${label} ${status ?? "unknown"} ${progress ?? 0}% ${speedText(entity)} ETA ${etaText(entity)}`;
      if (line !== last) stream.write(`${line}\n`);
      last = line;
    },
    stop() {},
  };
}

/** A live bar on a terminal (loads cli-progress on first use). */
export async function barProgress(label: string, stream: NodeJS.WritableStream = process.stderr): Promise<ProgressDisplay> {
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {speed} | ETA {eta_job} | {status}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { speed: "-", eta_job: "-", status: "…" });
  return {
    update({ status, progress, entity }) {
      bar.update(progress ?? 0, { speed: speedText(entity), eta_job: etaText(entity), status: status ?? "unknown" });
    },
    stop() {
      bar.stop();
    },
  };
}

/** The display that fits the stream: a bar on a terminal, lines otherwise. */
export async function progressDisplay(label: string, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): Promise<ProgressDisplay> {
  return stream.isTTY ? barProgress(label, stream) : plainProgress(label, stream);
}
