/**
 * The confidence intervals behind every satisfaction figure (DESIGN.md §3 "never report a gap
 * without its n and interval"): Wilson for a proportion, a Wald interval for NPS (a difference
 * of two shares of one sample), Student's t for a mean, Welch for a difference of means and
 * Newcombe's hybrid score interval for a difference of proportions. Pure: no I/O.
 */

/** A value with its 95% interval; `low`/`high` are null when n is too small to say. */
export type TInterval = { value: number; low: number | null; high: number | null };

const Z95 = 1.959963984540054;

/**
 * Wilson score interval of k successes in n trials.
 * @example wilson(8, 10) // { value: 0.8, low: 0.490, high: 0.943 }
 */
export function wilson(k: number, n: number, z = Z95): TInterval {
  if (n <= 0) return { value: Number.NaN, low: null, high: null };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * NPS (share of promoters − share of detractors, on −100…100) with a Wald interval: per
 * response the score is +1, 0 or −1, so Var = (p + d − (p − d)²) / n.
 */
export function npsInterval(promoters: number, detractors: number, n: number): TInterval {
  if (n <= 0) return { value: Number.NaN, low: null, high: null };
  const p = promoters / n;
  const d = detractors / n;
  const nps = p - d;
  if (n < 2) return { value: 100 * nps, low: null, high: null };
  const half = Z95 * Math.sqrt(Math.max(0, p + d - nps * nps) / n);
  return {
    value: 100 * nps,
    low: 100 * Math.max(-1, nps - half),
    high: 100 * Math.min(1, nps + half),
  };
}

/** Running sums of a sample: enough for its mean, variance and intervals. */
export type TMoments = { n: number; sum: number; sumSquares: number };

export function meanOf(m: TMoments): number {
  return m.n === 0 ? Number.NaN : m.sum / m.n;
}

/** Sample variance (n − 1 in the denominator); NaN below two values. */
export function varianceOf(m: TMoments): number {
  if (m.n < 2) return Number.NaN;
  return Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/** The mean with Student's t interval. */
export function meanInterval(m: TMoments): TInterval {
  const mean = meanOf(m);
  if (m.n < 2) return { value: mean, low: null, high: null };
  const half = tQuantile(0.975, m.n - 1) * Math.sqrt(varianceOf(m) / m.n);
  return { value: mean, low: mean - half, high: mean + half };
}

/** Difference of means a − b with Welch's interval (unequal variances). */
export function welch(a: TMoments, b: TMoments): TInterval {
  const diff = meanOf(a) - meanOf(b);
  if (a.n < 2 || b.n < 2) return { value: diff, low: null, high: null };
  const va = varianceOf(a) / a.n;
  const vb = varianceOf(b) / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { value: diff, low: diff, high: diff };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tQuantile(0.975, df) * se;
  return { value: diff, low: diff - half, high: diff + half };
}

/**
 * Difference of proportions ka/na − kb/nb with Newcombe's hybrid score interval (method 10),
 * built from the two Wilson intervals: it stays inside [−1, 1] and behaves for small counts.
 */
export function newcombe(ka: number, na: number, kb: number, nb: number): TInterval {
  const a = wilson(ka, na);
  const b = wilson(kb, nb);
  const diff = a.value - b.value;
  if (a.low === null || a.high === null || b.low === null || b.high === null) {
    return { value: diff, low: null, high: null };
  }
  const low = diff - Math.sqrt((a.value - a.low) ** 2 + (b.high - b.value) ** 2);
  const high = diff + Math.sqrt((a.high - a.value) ** 2 + (b.value - b.low) ** 2);
  return { value: diff, low, high };
}

/**
 * Difference of two NPS values (a − b, on −100…100) with a Wald interval from the two
 * independent samples' variances.
 */
export function npsDifference(
  a: { promoters: number; detractors: number; n: number },
  b: { promoters: number; detractors: number; n: number },
): TInterval {
  const one = (x: typeof a): [number, number] => {
    const p = x.promoters / x.n;
    const d = x.detractors / x.n;
    return [p - d, Math.max(0, p + d - (p - d) ** 2) / x.n];
  };
  if (a.n === 0 || b.n === 0) return { value: Number.NaN, low: null, high: null };
  const [na, va] = one(a);
  const [nb, vb] = one(b);
  const diff = na - nb;
  if (a.n < 2 || b.n < 2) return { value: 100 * diff, low: null, high: null };
  const half = Z95 * Math.sqrt(va + vb);
  return { value: 100 * diff, low: 100 * (diff - half), high: 100 * (diff + half) };
}

// --- Student's t -----------------------------------------------------------------------------

/** The p-quantile of Student's t with `df` (> 0, not necessarily whole) degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile(${p}, ${df})`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  // Bisection on the CDF: monotone and exact to 1e-12 in about 60 steps.
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** CDF of Student's t through the regularized incomplete beta function. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Regularized incomplete beta I_x(a, b) (continued fraction, Numerical Recipes §6.4). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 3e-16) break;
  }
  return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = g[0] ?? 0;
  for (let i = 1; i < 9; i++) sum += (g[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}
