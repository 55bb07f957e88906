/**
 * A small logistic regression trained by full-batch gradient descent: no randomness, a fixed
 * iteration count and a fixed example order, so the same data gives bit-identical weights and
 * therefore the same artifact digest (what the reproducibility lab checks).
 */
export interface LogisticModel {
  kind: 'logistic-regression';
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function train(
  x: number[][],
  y: number[],
  features: string[],
  o: { epochs: number; learningRate: number; l2: number },
): LogisticModel {
  const d = features.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const std = Array.from(
    { length: d },
    (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length) || 1,
  );
  const xs = x.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const err = sigmoid(xs[i].reduce((s, v, j) => s + v * w[j], b)) - y[i];
      for (let j = 0; j < d; j++) gw[j] += err * xs[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= o.learningRate * (gw[j] / xs.length + o.l2 * w[j]);
    b -= (o.learningRate * gb) / xs.length;
  }
  const r = (v: number) => Number(v.toPrecision(12)); // stable text: no platform-dependent last digits
  return {
    kind: 'logistic-regression',
    features,
    mean: mean.map(r),
    std: std.map(r),
    weights: w.map(r),
    bias: r(b),
  };
}

export function predict(m: LogisticModel, row: number[]): number {
  return sigmoid(row.reduce((s, v, j) => s + ((v - m.mean[j]) / m.std[j]) * m.weights[j], m.bias));
}

/** Accuracy, log loss and ROC AUC (rank statistic) on a labelled set. */
export function evaluate(m: LogisticModel, x: number[][], y: number[]) {
  const p = x.map((row) => predict(m, row));
  const accuracy = p.filter((pi, i) => (pi >= 0.5 ? 1 : 0) === y[i]).length / y.length;
  const eps = 1e-12;
  const logLoss =
    -p.reduce((s, pi, i) => s + (y[i] ? Math.log(pi + eps) : Math.log(1 - pi + eps)), 0) / y.length;
  const pos = p.filter((_, i) => y[i] === 1);
  const neg = p.filter((_, i) => y[i] === 0);
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  const auc = pos.length && neg.length ? wins / (pos.length * neg.length) : 0.5;
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return { accuracy: r4(accuracy), log_loss: r4(logLoss), auc: r4(auc) };
}
