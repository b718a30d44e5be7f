#!/usr/bin/python3
"""The same statistics with numpy / scikit-learn 1.2.1 / SciPy 1.10.1 on the arrays that
bench/statistics.ts wrote to bench/out/stats/ (Debian's python3-sklearn and python3-scipy:
run with /usr/bin/python3). Prints one JSON line of timings in ms.

The bootstrap is the straightforward one a Python user writes: for each resample, draw row
indices with numpy and call sklearn.metrics on both models. Running 1000 resamples of 1M rows
that way takes long, so it times RESAMPLES_PY resamples (default 20) and scales to 1000,
which it says in its output. DeLong is the fast numpy implementation (Sun & Xu 2014) from
scripts/reference/stats_reference.py; drift is scipy.stats.ks_2samp and wasserstein_distance
per column (plus the numpy PSI binning).
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats
from sklearn import metrics

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "reference"))
from stats_reference import compute_midrank, fast_delong  # noqa: E402

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "stats")
y = np.fromfile(os.path.join(D, "y.u8"), dtype=np.uint8).astype(np.int64)
cand = np.fromfile(os.path.join(D, "candidate.f64"))
base = np.fromfile(os.path.join(D, "baseline.f64"))
sl = np.fromfile(os.path.join(D, "slice.i32"), dtype=np.int32)
n = len(y)
features = np.fromfile(os.path.join(D, "features.f64")).reshape(-1, n)
R = int(os.environ.get("RESAMPLES_PY", "20"))


def binary_metrics(yy, p):
    pred = p >= 0.5
    return [
        metrics.accuracy_score(yy, pred),
        metrics.precision_score(yy, pred, zero_division=0),
        metrics.recall_score(yy, pred, zero_division=0),
        metrics.f1_score(yy, pred, zero_division=0),
        metrics.roc_auc_score(yy, p),
        metrics.average_precision_score(yy, p),
        metrics.log_loss(yy, p),
        metrics.brier_score_loss(yy, p),
    ]


rng = np.random.default_rng(42)
t = time.perf_counter()
for _ in range(R):
    idx = rng.integers(0, n, n)
    yy = y[idx]
    for model in (cand, base):
        binary_metrics(yy, model[idx])
        for g in range(4):
            m = sl[idx] == g
            binary_metrics(yy[m], model[idx][m])
boot = (time.perf_counter() - t) * 1000 * (1000 / R)

t = time.perf_counter()
order = (-y).argsort(kind="mergesort")
label_1 = int(y.sum())
fast_delong(np.vstack((cand, base))[:, order], label_1)
delong = (time.perf_counter() - t) * 1000

t = time.perf_counter()
half = n // 2
for j in range(features.shape[0]):
    ref, cur = features[j, :half], features[j, half:]
    stats.ks_2samp(ref, cur)
    stats.wasserstein_distance(ref, cur)
    cuts = np.unique(np.quantile(ref, np.linspace(0.1, 0.9, 9)))
    np.bincount(np.searchsorted(cuts, ref, side="left"), minlength=len(cuts) + 1)
    np.bincount(np.searchsorted(cuts, cur, side="left"), minlength=len(cuts) + 1)
drift = (time.perf_counter() - t) * 1000

print(json.dumps({"bootstrap_ms_scaled_to_1000": boot, "bootstrap_resamples_timed": R, "delong_ms": delong, "drift_ms": drift}))
