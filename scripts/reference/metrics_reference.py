#!/usr/bin/python3
"""Reference values for src/domain/metrics, computed with scikit-learn 1.2.1.

Run with Debian's interpreter (it has scikit-learn 1.2.1, numpy and scipy):

    /usr/bin/python3 scripts/reference/metrics_reference.py

It writes fixtures/reference/metrics/cases.json: every case holds its inputs (inline, or a
prediction CSV of the real fixtures plus the columns to read), the scikit-learn call that produced
each expected value, and the value as an exact float (json.dump writes repr(float), which
round-trips). A value scikit-learn refuses to compute (it raises) is stored as null, with the
error message under "raises"; the TypeScript side returns NaN there.
"""

import csv
import json
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    max_error,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    median_absolute_error,
    precision_recall_fscore_support,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "reference", "metrics", "cases.json")
MODELS = ["baseline", "candidate", "candidate_worse"]
HOLDOUTS = ["holdout", "holdout_drifted"]

warnings.simplefilter("ignore")


def flt(x):
    """A Python float (exact repr in JSON); None for NaN."""
    x = float(x)
    return None if x != x else x


def attempt(fn):
    """(value, None) or (None, error message) when scikit-learn raises."""
    try:
        return flt(fn()), None
    except ValueError as e:
        return None, str(e)


def read_csv(rel, columns):
    with open(os.path.join(ROOT, rel), newline="") as f:
        rows = list(csv.DictReader(f))
    return [np.array([float(r[c]) for r in rows], dtype=np.float64) for c in columns]


def ece(y, p, n_bins):
    """ECE over calibration_curve(strategy='uniform') bins: sum (n_b/N)|prob_true_b - prob_pred_b|."""
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    # calibration_curve's own binning, to weight its non-empty bins by their counts.
    binids = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p)
    counts = np.bincount(binids, minlength=n_bins)
    counts = counts[counts != 0]
    return float(np.sum(counts / len(y) * np.abs(prob_true - prob_pred)))


BINARY_CALLS = {
    "accuracy": "accuracy_score(y, score >= threshold)",
    "precision": "precision_score(y, score >= threshold, pos_label=1, zero_division=0)",
    "recall": "recall_score(y, score >= threshold, pos_label=1, zero_division=0)",
    "f1": "f1_score(y, score >= threshold, pos_label=1, zero_division=0)",
    "roc_auc": "roc_auc_score(y, score)",
    "average_precision": "average_precision_score(y, score)",
    "log_loss": "log_loss(y, score, labels=[0, 1])  (eps='auto' = float64 eps)",
    "brier": "brier_score_loss(y, score)",
    "ece": "calibration_curve(y, score, n_bins=10, strategy='uniform') weighted by bin counts",
}


def binary_case(name, y, score, threshold, source=None, note=None):
    y = np.asarray(y, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    pred = (score >= threshold).astype(np.int64)
    expected, raises = {}, {}

    def put(key, fn):
        v, err = attempt(fn)
        expected[key] = v
        if err is not None:
            raises[key] = err

    put("accuracy", lambda: accuracy_score(y, pred))
    put("precision", lambda: precision_score(y, pred, pos_label=1, zero_division=0))
    put("recall", lambda: recall_score(y, pred, pos_label=1, zero_division=0))
    put("f1", lambda: f1_score(y, pred, pos_label=1, zero_division=0))
    put("roc_auc", lambda: roc_auc_score(y, score))
    put("average_precision", lambda: average_precision_score(y, score))
    put("log_loss", lambda: log_loss(y, score, labels=[0, 1]))
    put("brier", lambda: brier_score_loss(y, score))
    put("ece", lambda: ece(y, score, 10))
    log_loss_eps = {}
    for eps in ["1e-15", "1e-7", "0.01"]:
        log_loss_eps[eps] = flt(log_loss(y, score, eps=float(eps), labels=[0, 1]))
    ece_bins = {str(b): ece(y, score, b) for b in [5, 15, 20]}
    cm = confusion_matrix(y, pred, labels=[0, 1])
    case = {
        "name": name,
        "threshold": threshold,
        "expected": expected,
        "calls": BINARY_CALLS,
        "log_loss_eps": log_loss_eps,
        "log_loss_eps_call": "log_loss(y, score, eps=<key>, labels=[0, 1])",
        "ece_bins": ece_bins,
        "ece_bins_call": "calibration_curve(y, score, n_bins=<key>, strategy='uniform')",
        "confusion": {
            "tp": int(cm[1, 1]),
            "fp": int(cm[0, 1]),
            "tn": int(cm[0, 0]),
            "fn": int(cm[1, 0]),
        },
    }
    if raises:
        case["raises"] = raises
    if note:
        case["note"] = note
    if source is not None:
        case["source"] = source
    else:
        case["y"] = y.tolist()
        case["score"] = [float(s) for s in score]
    return case


def binary_cases():
    cases = []
    for holdout in HOLDOUTS:
        for model in MODELS:
            rel = f"fixtures/classification_telco_churn/predictions_{model}_{holdout}.csv"
            for column in ["onnx_proba_1", "sklearn_proba_1"]:
                y, p = read_csv(rel, ["y_true", column])
                for threshold in [0.5, 0.3]:
                    cases.append(
                        binary_case(
                            f"telco {model} {holdout} {column} t={threshold}",
                            y.astype(np.int64),
                            p,
                            threshold,
                            source={"file": rel, "y": "y_true", "score": column},
                        )
                    )

    rng = np.random.default_rng(20230201)
    n = 300
    y = (rng.random(n) < 0.35).astype(np.int64)
    noisy = np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1)
    cases.append(binary_case("ties: scores rounded to 1 decimal", y, np.round(noisy, 1), 0.5))
    cases.append(binary_case("ties: scores rounded to 2 decimals", y, np.round(noisy, 2), 0.5))
    cases.append(
        binary_case("threshold exactly equal to scores (0.3)", y, np.round(noisy, 1), 0.3)
    )
    cases.append(binary_case("all-equal scores", y, np.full(n, 0.37), 0.5))
    cases.append(binary_case("all-equal scores at the threshold", y, np.full(n, 0.5), 0.5))
    cases.append(
        binary_case(
            "zero_division: no predicted positive (threshold above every score)",
            y,
            noisy * 0.5,
            0.9,
        )
    )
    cases.append(
        binary_case(
            "zero_division: no positive label (AUC undefined)",
            np.zeros(40, dtype=np.int64),
            rng.random(40),
            0.5,
            note="roc_auc_score raises; average_precision_score warns and returns 0",
        )
    )
    cases.append(
        binary_case(
            "only positive labels (AUC undefined)",
            np.ones(25, dtype=np.int64),
            rng.random(25),
            0.5,
        )
    )
    hard = np.where(rng.random(n) < 0.5, np.round(noisy, 1), y.astype(np.float64))
    hard[:10] = 1.0 - y[:10]  # confidently wrong rows: p = 0 for positives, 1 for negatives
    cases.append(binary_case("scores exactly 0 and 1, some confidently wrong", y, hard, 0.5))
    cases.append(
        binary_case("perfect separation", [0, 0, 0, 1, 1], [0.1, 0.2, 0.3, 0.8, 0.9], 0.5)
    )
    cases.append(
        binary_case("perfectly reversed", [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9], 0.5)
    )
    edges = [0.0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.4, 0.5, 0.6, 0.6000000000000001,
             0.7, 0.7000000000000001, 0.8, 0.9, 1.0, 0.05, 0.95, 0.25, 0.75,
             0.19999999999999998, 0.20000000000000004]
    ye = [i % 2 for i in range(len(edges))]
    cases.append(binary_case("scores exactly on ECE bin edges", ye, edges, 0.5))
    cases.append(binary_case("single row", [1], [0.7], 0.5))
    return cases


MULTI_CALLS = {
    "accuracy": "accuracy_score(y, P.argmax(axis=1))",
    "precision_macro": "precision_score(y, P.argmax(1), average='macro', zero_division=0)",
    "recall_macro": "recall_score(y, P.argmax(1), average='macro', zero_division=0)",
    "f1_macro": "f1_score(y, P.argmax(1), average='macro', zero_division=0)",
    "precision_weighted": "precision_score(y, P.argmax(1), average='weighted', zero_division=0)",
    "recall_weighted": "recall_score(y, P.argmax(1), average='weighted', zero_division=0)",
    "f1_weighted": "f1_score(y, P.argmax(1), average='weighted', zero_division=0)",
    "roc_auc_ovr": "roc_auc_score(y, P, multi_class='ovr', average='macro')",
    "log_loss": "log_loss(y, P, labels=range(C))  (eps='auto' = float64 eps)",
}


def multiclass_case(name, y, proba, note=None):
    y = np.asarray(y, dtype=np.int64)
    proba = np.asarray(proba, dtype=np.float64)
    c = proba.shape[1]
    labels = list(range(c))
    pred = proba.argmax(axis=1)
    expected, raises = {}, {}

    def put(key, fn):
        v, err = attempt(fn)
        expected[key] = v
        if err is not None:
            raises[key] = err

    put("accuracy", lambda: accuracy_score(y, pred))
    for avg in ["macro", "weighted"]:
        p, r, f, _ = precision_recall_fscore_support(y, pred, average=avg, zero_division=0)
        expected[f"precision_{avg}"] = flt(p)
        expected[f"recall_{avg}"] = flt(r)
        expected[f"f1_{avg}"] = flt(f)
    put("roc_auc_ovr", lambda: roc_auc_score(y, proba, multi_class="ovr", average="macro"))
    put("log_loss", lambda: log_loss(y, proba, labels=labels))
    all_classes = {}
    for avg in ["macro", "weighted"]:
        p, r, f, _ = precision_recall_fscore_support(
            y, pred, average=avg, zero_division=0, labels=labels
        )
        all_classes[f"precision_{avg}"] = flt(p)
        all_classes[f"recall_{avg}"] = flt(r)
        all_classes[f"f1_{avg}"] = flt(f)
    case = {
        "name": name,
        "n_classes": c,
        "expected": expected,
        "calls": MULTI_CALLS,
        "all_classes": all_classes,
        "all_classes_call": "precision_recall_fscore_support(y, P.argmax(1), average=..., "
        "zero_division=0, labels=range(C))",
        "log_loss_eps": {
            e: flt(log_loss(y, proba, eps=float(e), labels=labels)) for e in ["1e-15", "1e-7"]
        },
        "log_loss_eps_call": "log_loss(y, P, eps=<key>, labels=range(C))",
        "confusion": confusion_matrix(y, pred, labels=labels).tolist(),
        "confusion_call": "confusion_matrix(y, P.argmax(1), labels=range(C))",
        "y": y.tolist(),
        "proba": [float(v) for v in proba.ravel()],
    }
    if raises:
        case["raises"] = raises
    if note:
        case["note"] = note
    return case


def sample_labels(rng, proba):
    """One label per row drawn from a sharpened version of its probabilities (informative AUC)."""
    sharp = proba**2 + 1e-3
    sharp /= sharp.sum(axis=1, keepdims=True)
    u = rng.random(len(proba))[:, None]
    return (u > np.cumsum(sharp, axis=1)).sum(axis=1).clip(0, proba.shape[1] - 1)


def multiclass_cases():
    rng = np.random.default_rng(1201)
    cases = []

    # Quantised probabilities k/20: many tied scores and argmax ties (first max wins).
    k = rng.multinomial(20, [0.5, 0.3, 0.2], size=300)
    p3 = k / 20.0
    cases.append(multiclass_case("3 classes, quantised k/20 (ties)", sample_labels(rng, p3), p3))

    p4 = rng.dirichlet([1.0, 2.0, 1.5, 0.7], size=400)
    cases.append(multiclass_case("4 classes, dirichlet", sample_labels(rng, p4), p4))

    # Class 4 is never the argmax (quantised k/40, tiny weight): absent from the predictions but
    # present in y.
    k5 = rng.multinomial(40, [0.3, 0.25, 0.2, 0.2, 0.05], size=250)
    p5 = k5 / 40.0
    y5 = sample_labels(rng, p5)
    y5[:20] = 4
    cases.append(multiclass_case("5 classes, class 4 absent from predictions", y5, p5))

    # Class 3 never occurs in y: ovr AUC undefined (sklearn raises), PRF over y ∪ pred.
    p4b = rng.dirichlet([2.0, 2.0, 2.0, 1.0], size=200)
    y4b = sample_labels(rng, p4b[:, :3] / p4b[:, :3].sum(axis=1, keepdims=True))
    cases.append(
        multiclass_case(
            "4 classes, class 3 absent from y",
            y4b,
            p4b,
            note="roc_auc_score(multi_class='ovr') raises; the TS side returns NaN",
        )
    )

    # Class 3 neither in y nor predicted: labels=None averages over 3 classes, range(C) over 4.
    k4c = rng.multinomial(30, [0.4, 0.35, 0.24, 0.01], size=150)
    p4c = k4c / 30.0
    y4c = sample_labels(rng, p4c[:, :3] / p4c[:, :3].sum(axis=1, keepdims=True))
    cases.append(multiclass_case("4 classes, class 3 neither in y nor predicted", y4c, p4c))

    # Hard 0/1 probabilities (one-hot), some confidently wrong: clipping matters.
    onehot = np.eye(3)[rng.integers(0, 3, size=120)]
    yh = onehot.argmax(axis=1)
    yh[:15] = (yh[:15] + 1) % 3
    mix = np.where(rng.random((120, 1)) < 0.5, onehot, np.round(rng.dirichlet([1, 1, 1], 120), 2))
    mix[:, 2] = np.maximum(0.0, 1.0 - mix[:, 0] - mix[:, 1])
    cases.append(multiclass_case("3 classes, probabilities exactly 0/1", yh, mix))
    return cases


REG_CALLS = {
    "mae": "mean_absolute_error(y, pred)",
    "mse": "mean_squared_error(y, pred)",
    "rmse": "sqrt(mean_squared_error(y, pred))",
    "r2": "r2_score(y, pred)",
    "mape": "mean_absolute_percentage_error(y, pred)",
    "max_error": "max_error(y, pred)",
    "median_absolute_error": "median_absolute_error(y, pred)",
}


def regression_case(name, y, pred, source=None, note=None):
    y = np.asarray(y, dtype=np.float64)
    pred = np.asarray(pred, dtype=np.float64)
    expected = {
        "mae": flt(mean_absolute_error(y, pred)),
        "mse": flt(mean_squared_error(y, pred)),
        "rmse": flt(np.sqrt(mean_squared_error(y, pred))),
        "r2": flt(r2_score(y, pred)) if len(y) >= 2 else None,
        "mape": flt(mean_absolute_percentage_error(y, pred)),
        "max_error": flt(max_error(y, pred)),
        "median_absolute_error": flt(median_absolute_error(y, pred)),
    }
    case = {"name": name, "expected": expected, "calls": REG_CALLS}
    if note:
        case["note"] = note
    if source is not None:
        case["source"] = source
    else:
        case["y"] = [float(v) for v in y]
        case["pred"] = [float(v) for v in pred]
    return case


def regression_cases():
    cases = []
    for holdout in HOLDOUTS:
        for model in MODELS:
            rel = f"fixtures/regression_california_housing/predictions_{model}_{holdout}.csv"
            for column in ["onnx_pred", "sklearn_pred"]:
                y, p = read_csv(rel, ["y_true", column])
                cases.append(
                    regression_case(
                        f"california {model} {holdout} {column}",
                        y,
                        p,
                        source={"file": rel, "y": "y_true", "pred": column},
                    )
                )
    rng = np.random.default_rng(77)
    y = rng.normal(10, 3, size=501)
    pred = y + rng.normal(0, 1, size=501)
    cases.append(regression_case("odd n = 501", y, pred))
    cases.append(regression_case("even n = 500", y[:500], pred[:500]))
    cases.append(regression_case("even n = 4, median of two middles", [1, 2, 3, 4], [1.5, 2, 5, 3]))
    cases.append(regression_case("odd n = 3", [1, 2, 3], [3, 2, 1.25]))
    cases.append(
        regression_case("tied absolute errors", [0, 1, 2, 3, 4, 5], [1, 2, 1, 2, 5, 4])
    )
    cases.append(
        regression_case("r2 with constant y, perfect prediction", [2.5] * 8, [2.5] * 8)
    )
    cases.append(
        regression_case("r2 with constant y, imperfect prediction", [2.5] * 8, [2.5] * 7 + [3.0])
    )
    cases.append(regression_case("perfect prediction", [1.0, -2.0, 3.5], [1.0, -2.0, 3.5]))
    cases.append(
        regression_case(
            "mape with a zero target (denominator float64 eps)",
            [0.0, 1.0, -2.0, 4.0],
            [1e-12, 1.5, -1.0, 4.0],
        )
    )
    cases.append(regression_case("single row", [3.0], [1.0], note="r2_score is nan for n < 2"))
    return cases


def main():
    data = {
        "generator": "scripts/reference/metrics_reference.py",
        "versions": {
            "python": sys.version.split()[0],
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "binary": binary_cases(),
        "multiclass": multiclass_cases(),
        "regression": regression_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
