"""A typical MLflow training script, unchanged for Provenant.

It only needs MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_TOKEN when the server wants a token).
It trains a tiny deterministic linear model with plain Python, logs what a real script logs,
reads everything back through the client, and prints a JSON summary for the acceptance test.
"""
import json
import os
import tempfile

import mlflow
import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag

EXPERIMENT = os.environ.get("EXPERIMENT_NAME", "provenant-acceptance")

xs = [i / 10 for i in range(50)]
ys = [3 * x + 1 for x in xs]


def train(lr, epochs):
    w, b, losses = 0.0, 0.0, []
    for _ in range(epochs):
        gw = sum(2 * (w * x + b - y) * x for x, y in zip(xs, ys)) / len(xs)
        gb = sum(2 * (w * x + b - y) for x, y in zip(xs, ys)) / len(xs)
        w, b = w - lr * gw, b - lr * gb
        losses.append(sum((w * x + b - y) ** 2 for x, y in zip(xs, ys)) / len(xs))
    return w, b, losses


mlflow.set_experiment(EXPERIMENT)
client = MlflowClient()
summary = {"runs": []}

for lr in (0.01, 0.05):
    with mlflow.start_run(run_name=f"linear-lr{lr}") as run:
        run_id = run.info.run_id
        mlflow.log_params({"lr": lr, "epochs": 20})
        mlflow.log_param("model", "linear")
        mlflow.set_tags({"team": "fraud", "stage": "dev"})
        mlflow.log_input(mlflow.data.from_pandas(pd.DataFrame({"x": xs, "y": ys}), name="lines"), context="training")
        w, b, losses = train(lr, 20)
        for step, loss in enumerate(losses):
            mlflow.log_metric("loss", loss, step=step)
        mlflow.log_metrics({"w": w, "b": b})
        client.log_batch(
            run_id,
            metrics=[Metric("mse_final", losses[-1], 0, 0)],
            params=[Param("optimizer", "sgd")],
            tags=[RunTag("batch_logged", "yes")],
        )
        with tempfile.TemporaryDirectory() as d:
            model = os.path.join(d, "model.json")
            with open(model, "w") as f:
                json.dump({"w": w, "b": b}, f)
            mlflow.log_artifact(model)
            notes = os.path.join(d, "notes.txt")
            with open(notes, "w") as f:
                f.write("identical content\n")
            mlflow.log_artifact(notes, artifact_path="reports")
            mlflow.log_artifact(notes, artifact_path="reports/copy")
        summary["runs"].append({"run_id": run_id, "lr": lr})

# Read back through the client, as a notebook would.
for entry in summary["runs"]:
    run_id = entry["run_id"]
    run = client.get_run(run_id)
    entry["status"] = run.info.status
    entry["params"] = run.data.params
    entry["tags"] = {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.")}
    entry["loss_history"] = [m.value for m in client.get_metric_history(run_id, "loss")]
    entry["datasets"] = [i.dataset.name for i in run.inputs.dataset_inputs]
    entry["artifacts"] = sorted(a.path for a in client.list_artifacts(run_id))
    entry["report_artifacts"] = sorted(a.path for a in client.list_artifacts(run_id, "reports"))
    with tempfile.TemporaryDirectory() as d:
        local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="model.json", dst_path=d)
        with open(local) as f:
            entry["downloaded_model"] = json.load(f)
        whole = client.download_artifacts(run_id, "reports", d)
        entry["downloaded_reports"] = sorted(os.path.relpath(os.path.join(r, n), whole) for r, _, ns in os.walk(whole) for n in ns)

found = mlflow.search_runs(experiment_names=[EXPERIMENT], filter_string="metrics.w > 3.0 and params.model = 'linear'", order_by=["metrics.mse_final ASC"])
summary["search"] = list(found["run_id"])
best = client.search_runs([mlflow.get_experiment_by_name(EXPERIMENT).experiment_id], "tags.team = 'fraud'", order_by=["metrics.loss ASC"], max_results=1)
summary["best"] = best[0].info.run_id
print("SUMMARY " + json.dumps(summary))
