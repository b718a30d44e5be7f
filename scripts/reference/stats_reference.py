#!/usr/bin/python3
"""Reference values for src/domain/stats, computed with numpy and SciPy.

Run with Debian's interpreter (numpy, SciPy 1.10.1, scikit-learn 1.2.1):

    /usr/bin/python3 scripts/reference/stats_reference.py

It writes fixtures/reference/stats/cases.json:

- delong: DeLong's test for two correlated AUCs, by the fast algorithm of Sun & Xu (2014) in numpy
  (midranks -> structural components V10/V01 -> covariance; the well-known `fastDeLong`
  formulation), cross-checked against an independent O(n^2) Mann-Whitney-kernel computation and
  against sklearn.metrics.roc_auc_score. p = 2 * scipy.stats.norm.sf(|z|), CI = delta +-
  norm.ppf(1 - alpha/2) * sd (clamped to [-1, 1]; single AUCs to [0, 1]).
- mcnemar: exact McNemar p-values, statsmodels' formula min(1, 2 * binom.cdf(min(b, c), b + c, .5)),
  asserted equal to scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue for b + c >= 1.
- holm: Holm-Bonferroni adjusted p-values, statsmodels.stats.multitest.multipletests(method='holm')
  re-implemented in numpy (statsmodels is not installed here) line for line.
- percentile: numpy.percentile(x, [50 (1 - c), 100 - 50 (1 - c)]) of sample arrays.
- normal: scipy.special.ndtr / scipy.stats.norm.sf / scipy.special.ndtri at sample points.
- binomial: scipy.stats.binom.logpmf(x, n, 0.5) and binom.cdf at sample points.

Cases drawn from the real fixtures name the prediction CSV and its columns instead of inlining the
rows. Every float is written with repr() (exact round trip).
"""

import csv
import json
import os

import numpy as np
import scipy
import scipy.special
import scipy.stats
import sklearn
from sklearn.metrics import roc_auc_score

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "reference", "stats", "cases.json")
TELCO = "fixtures/classification_telco_churn/predictions_{}_holdout.csv"


def flt(x):
    x = float(x)
    return None if x != x else x


def read_predictions(model):
    with open(os.path.join(ROOT, TELCO.format(model)), newline="") as f:
        rows = list(csv.DictReader(f))
    y = np.array([int(r["y_true"]) for r in rows], dtype=np.int64)
    p = np.array([float(r["onnx_proba_1"]) for r in rows], dtype=np.float64)
    return y, p


# ---------------------------------------------------------------- DeLong (Sun & Xu 2014) -------


def compute_midrank(x):
    """Midranks (1-based, ties averaged) of x, O(n log n)."""
    order = np.argsort(x, kind="mergesort")
    z = x[order]
    n = len(x)
    t = np.zeros(n, dtype=np.float64)
    i = 0
    while i < n:
        j = i
        while j < n and z[j] == z[i]:
            j += 1
        t[i:j] = 0.5 * (i + j - 1) + 1
        i = j
    out = np.empty(n, dtype=np.float64)
    out[order] = t
    return out


def fast_delong(predictions_sorted_transposed, label_1_count):
    """AUCs and their DeLong covariance; positives first in the columns (Sun & Xu 2014)."""
    m = label_1_count
    n = predictions_sorted_transposed.shape[1] - m
    positive_examples = predictions_sorted_transposed[:, :m]
    negative_examples = predictions_sorted_transposed[:, m:]
    k = predictions_sorted_transposed.shape[0]
    tx = np.empty([k, m])
    ty = np.empty([k, n])
    tz = np.empty([k, m + n])
    for r in range(k):
        tx[r, :] = compute_midrank(positive_examples[r, :])
        ty[r, :] = compute_midrank(negative_examples[r, :])
        tz[r, :] = compute_midrank(predictions_sorted_transposed[r, :])
    aucs = tz[:, :m].sum(axis=1) / m / n - float(m + 1.0) / 2.0 / n
    v01 = (tz[:, :m] - tx[:, :]) / n
    v10 = 1.0 - (tz[:, m:] - ty[:, :]) / m
    sx = np.cov(v01)
    sy = np.cov(v10)
    return aucs, sx / m + sy / n, v01, v10


def brute_delong(y, scores):
    """O(n^2): psi(X_i, Y_j) = [x > y] + 1/2 [x = y]; placements, AUCs and covariance directly."""
    pos = [s[y == 1] for s in scores]
    neg = [s[y == 0] for s in scores]
    m, n = len(pos[0]), len(neg[0])
    v10 = []
    v01 = []
    for p, q in zip(pos, neg):
        psi = (p[:, None] > q[None, :]) + 0.5 * (p[:, None] == q[None, :])
        v10.append(psi.mean(axis=1))
        v01.append(psi.mean(axis=0))
    v10 = np.array(v10)
    v01 = np.array(v01)
    cov = np.cov(v10) / m + np.cov(v01) / n
    return v10.mean(axis=1), cov


def close(a, b, rel=1e-12, what=""):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    ok = np.all(np.abs(a - b) <= np.maximum(rel * np.abs(b), 1e-15))
    assert ok, f"{what}: {a} vs {b}"


def delong_case(name, y, candidate, baseline, confidence, source=None):
    order = np.argsort(-y, kind="mergesort")  # positives first, stable
    preds = np.vstack([candidate, baseline])[:, order]
    m = int(y.sum())
    aucs, cov, v01, v10 = fast_delong(preds, m)
    # Independent checks: the O(n^2) kernel and scikit-learn.
    b_aucs, b_cov = brute_delong(y, [candidate, baseline])
    close(aucs, b_aucs, 1e-12, f"{name}: AUC fast vs brute")
    close(cov, b_cov, 1e-9, f"{name}: covariance fast vs brute")
    close(aucs, [roc_auc_score(y, candidate), roc_auc_score(y, baseline)], 1e-12, f"{name}: sklearn")
    delta = aucs[0] - aucs[1]
    var_matrix = cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]
    # The same variance from the differences of the placements (numerically stable form).
    n = len(y) - m
    d01 = v01[0] - v01[1]
    d10 = v10[0] - v10[1]
    var_diff = np.var(d01, ddof=1) / m + np.var(d10, ddof=1) / n
    if var_diff == 0:
        z = 0.0 if delta == 0 else np.sign(delta) * np.inf
    else:
        close(var_matrix, var_diff, 1e-9, f"{name}: variance of the difference, two forms")
        z = delta / np.sqrt(var_diff)
    p = min(1.0, 2 * scipy.stats.norm.sf(abs(z)))
    q = scipy.stats.norm.ppf(1 - (1 - confidence) / 2)
    half = q * np.sqrt(var_diff)

    def single(k):
        h = q * np.sqrt(cov[k, k])
        return {
            "auc": flt(aucs[k]),
            "variance": flt(cov[k, k]),
            "lower": flt(max(0.0, aucs[k] - h)),
            "upper": flt(min(1.0, aucs[k] + h)),
        }

    case = {
        "name": name,
        "confidence": confidence,
        "positives": m,
        "negatives": int(n),
        "expected": {
            "candidate": single(0),
            "baseline": single(1),
            "delta": flt(delta),
            "covariance": flt(cov[0, 1]),
            "variance": flt(var_diff),
            "z": flt(z),
            "p_value": flt(p),
            "lower": flt(max(-1.0, delta - half)),
            "upper": flt(min(1.0, delta + half)),
        },
    }
    if source is None:
        case["y"] = [int(v) for v in y]
        case["candidate"] = [flt(v) for v in candidate]
        case["baseline"] = [flt(v) for v in baseline]
    else:
        case["source"] = source
    return case


def delong_cases():
    y, cand = read_predictions("candidate")
    _, base = read_predictions("baseline")
    _, worse = read_predictions("candidate_worse")
    src = lambda c, b, rows=None: {  # noqa: E731
        "candidate": TELCO.format(c),
        "baseline": TELCO.format(b),
        "y": "y_true",
        "score": "onnx_proba_1",
        **({"rows": rows} if rows else {}),
    }
    cases = [
        delong_case("telco candidate vs baseline", y, cand, base, 0.95, src("candidate", "baseline")),
        delong_case("telco candidate vs candidate_worse (90%)", y, cand, worse, 0.9,
                    src("candidate", "candidate_worse")),
        delong_case("telco baseline vs candidate_worse, rows 0-399", y[:400], base[:400], worse[:400],
                    0.95, src("baseline", "candidate_worse", [0, 400])),
        delong_case("telco candidate vs itself (variance 0: z = 0, p = 1)", y, cand, cand, 0.95,
                    src("candidate", "candidate")),
    ]
    rng = np.random.default_rng(20240611)
    for n, levels, name in [(40, 4, "synthetic n=40, scores on a 1/4 grid (heavy ties)"),
                            (300, 10, "synthetic n=300, scores on a 1/10 grid"),
                            (25, 1000, "synthetic n=25, few ties")]:
        yy = (rng.random(n) < 0.4).astype(np.int64)
        yy[0], yy[1] = 1, 0
        signal = 0.35 * yy + 0.65 * rng.random(n)
        c = np.round(np.clip(signal + 0.1 * rng.standard_normal(n), 0, 1) * levels) / levels
        b = np.round(np.clip(signal + 0.2 * rng.standard_normal(n), 0, 1) * levels) / levels
        cases.append(delong_case(name, yy, c, b, 0.95))
    return cases


# ---------------------------------------------------------------- McNemar ----------------------


def mcnemar_p(b, c):
    """statsmodels mcnemar(exact=True): min(1, 2 * binom.cdf(min(b, c), b + c, 0.5))."""
    p = min(1.0, float(scipy.stats.binom.cdf(min(b, c), b + c, 0.5) * 2))
    if b + c >= 1:
        close(p, scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue, 1e-12, f"binomtest {b},{c}")
    return p


def mcnemar_cases():
    pairs = [(0, 0), (1, 0), (0, 1), (3, 3), (3, 10), (10, 3), (0, 25), (12, 30), (50, 70),
             (17, 18), (1000, 1100), (4800, 5000), (40000, 41000), (100000, 100500), (60000, 61000),
             (123456, 124000), (5, 1000)]
    cases = [{"name": f"b={b}, c={c}", "b": b, "c": c, "p_value": flt(mcnemar_p(b, c))}
             for b, c in pairs]
    y, cand = read_predictions("candidate")
    for other in ["baseline", "candidate_worse"]:
        _, base = read_predictions(other)
        cr = (cand >= 0.5).astype(int) == y
        br = (base >= 0.5).astype(int) == y
        b = int(np.sum(br & ~cr))
        c = int(np.sum(cr & ~br))
        cases.append({
            "name": f"telco candidate vs {other} at threshold 0.5",
            "source": {"candidate": TELCO.format("candidate"), "baseline": TELCO.format(other),
                       "y": "y_true", "score": "onnx_proba_1", "threshold": 0.5},
            "b": b, "c": c, "p_value": flt(mcnemar_p(b, c)),
        })
    return cases


# ---------------------------------------------------------------- Holm -------------------------


def holm_statsmodels(pvals):
    """multipletests(pvals, method='holm')[1], statsmodels 0.14's code path."""
    pvals = np.asarray(pvals)
    sortind = np.argsort(pvals)
    pvals_sorted = np.take(pvals, sortind)
    ntests = len(pvals)
    pvals_corrected_raw = pvals_sorted * np.arange(ntests, 0, -1)
    pvals_corrected = np.maximum.accumulate(pvals_corrected_raw)
    pvals_corrected[pvals_corrected > 1] = 1
    out = np.empty_like(pvals_corrected)
    out[sortind] = pvals_corrected
    return out


def holm_cases():
    rng = np.random.default_rng(7)
    vectors = [
        [0.01],
        [0.04, 0.01, 0.03],
        [0.01, 0.01, 0.02, 0.5],
        [0.2, 0.4, 0.6, 0.8, 1.0],
        [1e-10, 0.049, 0.0125, 0.0166, 0.9],
        list(rng.random(12) ** 3),
        list(rng.random(30) * 0.1),
    ]
    return [{"p": [flt(v) for v in p], "adjusted": [flt(v) for v in holm_statsmodels(p)]}
            for p in vectors]


# ---------------------------------------------------------------- percentiles ------------------


def percentile_cases():
    rng = np.random.default_rng(11)
    arrays = {
        "normal 200": rng.standard_normal(200) * 0.01,
        "uniform 1000": rng.random(1000),
        "ties 150 (grid 0.05)": np.round(rng.standard_normal(150) * 4) / 20,
        "one value": np.array([0.3]),
        "two values": np.array([0.5, -0.25]),
        "seven values": np.array([3.0, 1.0, 2.0, 2.0, 9.0, -4.0, 0.5]),
    }
    cases = []
    for name, x in arrays.items():
        levels = {}
        for c in [0.95, 0.9, 0.8, 0.99, 0.5]:
            tail = round(50 * (1 - c), 9)
            lo, hi = np.percentile(x, [tail, 100 - tail])
            levels[repr(c)] = [flt(lo), flt(hi)]
        cases.append({"name": name, "x": [flt(v) for v in x], "intervals": levels})
    return cases


def normal_cases():
    xs = [-38.0, -30.0, -12.5, -8.2, -5.0, -3.3, -1.96, -1.0, -0.7, -0.3, 0.0, 0.2, 0.70710678,
          1.5, 2.5, 4.0, 7.9, 8.1, 15.0]
    ps = [1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.05, 0.1, 0.3, 0.5, 0.6, 0.925, 0.95, 0.975, 0.999,
          1 - 1e-12]
    return {
        "cdf": [[x, flt(scipy.special.ndtr(x))] for x in xs],
        "sf": [[x, flt(scipy.stats.norm.sf(x))] for x in xs],
        "quantile": [[p, flt(scipy.special.ndtri(p))] for p in ps],
    }


def binomial_cases():
    points = [(0, 1), (1, 2), (3, 7), (5, 10), (0, 40), (12, 40), (20, 40), (100, 1000),
              (480, 1000), (4000, 10000), (49000, 100000), (49900, 100000), (60000, 121000),
              (400000, 1000001), (7, 2000)]
    return [{"k": k, "n": n, "log_pmf": flt(scipy.stats.binom.logpmf(k, n, 0.5)),
             "cdf": flt(scipy.stats.binom.cdf(k, n, 0.5))} for k, n in points]


def main():
    cases = {
        "generator": "scripts/reference/stats_reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "sklearn": sklearn.__version__},
        "delong": delong_cases(),
        "mcnemar": mcnemar_cases(),
        "holm": holm_cases(),
        "percentile": percentile_cases(),
        "normal": normal_cases(),
        "binomial": binomial_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
