// Statistics and the result table.

/** min / median / max of numbers. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, min: sorted[0], median, max: sorted[n - 1] };
}

/**
 * A table row. `higherIsBetter` (throughput) flips the ratio so that it always reads "times the
 * floor's cost": 1.0 is the floor, 2.0 twice as slow (or twice the memory).
 */
export function row({ scenario, unit, values, floor, goal, higherIsBetter = false, note }) {
  const s = stats(values);
  const floorMedian = floor === undefined ? undefined : stats(floor).median;
  const ratio = floorMedian === undefined ? undefined : higherIsBetter ? floorMedian / s.median : s.median / floorMedian;
  const verdict = goal === undefined || ratio === undefined ? "info" : ratio <= goal ? "pass" : "MISS";
  return { scenario, unit, ...s, floor: floorMedian, ratio, goal, verdict, ...(note ? { note } : {}) };
}

function fmt(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return "—";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Renders rows as a fixed-width text table. */
export function table(rows) {
  const header = ["scenario", "unit", "n", "min", "median", "max", "floor med", "ratio", "goal", "result"];
  const lines = rows.map((r) => [
    r.scenario,
    r.unit,
    String(r.n),
    fmt(r.min),
    fmt(r.median),
    fmt(r.max),
    fmt(r.floor),
    r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`,
    r.goal === undefined ? "—" : `≤${r.goal}×`,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const right = new Set([2, 3, 4, 5, 6, 7, 8]);
  const render = (cells) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(render)].join("\n");
}
