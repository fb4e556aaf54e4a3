/** Timing helpers: warm up, then the median of several timed runs. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Measured {
  /**
   * Median CPU time of this process per operation, µs: what the work costs on a core, whatever else
   * the machine runs (GC helper threads count too, so it errs on the slow side).
   */
  microsPerOp: number;
  /** Every run's CPU µs per op, in order. */
  runs: number[];
  /** Median wall-clock time per operation, µs. */
  wallMicrosPerOp: number;
  /** Every run's wall-clock µs per op, in order. */
  wallRuns: number[];
  /**
   * CPU time over wall time across the timed runs: about 1 on a quiet machine; well below 1 means
   * other processes had the core and the wall-clock figures are pessimistic.
   */
  cpuShare: number;
}

/**
 * Times `run` (which does `opsPerRun` operations) `runs` times after `warmups` untimed runs;
 * `setup` (untimed) runs before each run, for libraries whose inputs a run consumes.
 */
export function measure(
  opsPerRun: number,
  run: () => void,
  options: { runs?: number; warmups?: number; setup?: () => void } = {},
): Measured {
  const { runs = 5, warmups = 1, setup } = options;
  for (let i = 0; i < warmups; i++) {
    setup?.();
    run();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const elapsed = (performance.now() - t0) * 1000;
    const used = process.cpuUsage(c0);
    wall.push(elapsed / opsPerRun);
    cpu.push((used.user + used.system) / opsPerRun);
  }
  const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
  return {
    microsPerOp: median(cpu),
    runs: cpu,
    wallMicrosPerOp: median(wall),
    wallRuns: wall,
    cpuShare: sum(cpu) / sum(wall),
  };
}

/** Rounds for printing and the JSON: 3 significant digits, at most 3 decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}
