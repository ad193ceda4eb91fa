/**
 * Measured throughput of running jobs: `speed` and `etr` come from the bytes a job really copied over the last
 * second, not from the configured rate (a job slowed by small files, failures or a busy runner shows it).
 */
export class Throughput {
  /** Recent samples per job id: [time in ms, bytes moved so far]. */
  private readonly samples = new Map<string, Array<[number, number]>>();

  constructor(
    /** How far back a sample counts, in milliseconds. */
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that job `id` has moved `moved` bytes in all; answers its bytes per second over the window (0 until two samples). */
  sample(id: string, moved: number): number {
    const t = this.now();
    const list = this.samples.get(id) ?? [];
    list.push([t, moved]);
    while (list.length > 2 && t - (list[0] as [number, number])[0] > this.windowMs) list.shift();
    this.samples.set(id, list);
    const [t0, m0] = list[0] as [number, number];
    return t > t0 && moved > m0 ? ((moved - m0) * 1000) / (t - t0) : 0;
  }

  /** Forgets a job (finished, failed or paused). */
  forget(id: string): void {
    this.samples.delete(id);
  }
}
