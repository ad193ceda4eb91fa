// Statistics, rows and the two tables (every measurement; the goals with PASS / MISS).

/** min / median / max of numbers. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, min: sorted[0], median, max: sorted[n - 1] };
}

/**
 * A table row comparing `values` (the SDK) with a baseline (`floor`, median taken).
 * - Against a floor (default): ratio = SDK cost ÷ floor cost, so 1.00× is the floor, 2.00× twice
 *   its cost (twice the memory); `higherIsBetter` (calls/s) flips it so it still reads as cost.
 *   A `goal` is a ceiling: ratio ≤ goal.
 * - `speedup: true` (against the reference): ratio = how many times faster (or, for memory, how
 *   many times less) the SDK is; a `goal` is a floor: ratio ≥ goal.
 */
export function row({ scenario, unit, values, floor, goal, higherIsBetter = false, speedup = false, note }) {
  const s = stats(values);
  const base = floor === undefined || floor.length === 0 ? undefined : stats(floor).median;
  let ratio;
  if (base !== undefined) ratio = higherIsBetter !== speedup ? base / s.median : s.median / base;
  const verdict = goal === undefined || ratio === undefined ? "info" : (speedup ? ratio >= goal : ratio <= goal) ? "PASS" : "MISS";
  return { scenario, unit, ...s, floor: base, ratio, goal, goalText: goal === undefined ? undefined : `${speedup ? "≥" : "≤"}${goal}×`, verdict, ...(note ? { note } : {}) };
}

/** A row that could not be measured (e.g. the reference client is not configured): shown, not hidden. */
export function skippedRow(scenario, reason) {
  return { scenario, unit: "", n: 0, ratio: undefined, verdict: "skipped", note: reason };
}

function fmt(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return "—";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function render(header, lines, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(line)].join("\n");
}

/** Renders rows as a fixed-width text table. */
export function table(rows) {
  const header = ["scenario", "unit", "n", "min", "median", "max", "base med", "ratio", "goal", "result"];
  const lines = rows.map((r) =>
    r.verdict === "skipped"
      ? [r.scenario, "—", "0", "—", "—", "—", "—", "—", "—", `skipped: ${r.note}`]
      : [r.scenario, r.unit, String(r.n), fmt(r.min), fmt(r.median), fmt(r.max), fmt(r.floor), r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`, r.goalText ?? "—", r.verdict],
  );
  return render(header, lines, new Set([2, 3, 4, 5, 6, 7, 8]));
}

/** The goals of issue 18, one line per condition: the measured ratio and PASS / MISS (or why there is none). */
export function goalsTable(goals) {
  const lines = goals.map((g) => [g.goal, g.condition, g.row?.ratio === undefined ? "—" : `${g.row.ratio.toFixed(2)}×`, g.row?.goalText ?? "—", g.row ? (g.row.verdict === "skipped" ? `skipped: ${g.row.note}` : g.row.verdict) : "not run"]);
  return render(["goal", "condition", "measured", "wanted", "result"], lines, new Set([2, 3]));
}
