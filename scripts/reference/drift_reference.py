#!/usr/bin/python3
"""Reference values for src/domain/drift, computed with SciPy 1.10.1 and NumPy.

Run with Debian's interpreter (it has scipy 1.10.1 and numpy):

    /usr/bin/python3 scripts/reference/drift_reference.py

It writes fixtures/reference/drift/cases.json with the cases the fixtures' oracle.json lacks:

- "kstwo_sf", "kstwobign_sf", "smirnov", "chi2_sf": the distribution functions behind the p-values,
  on grids that reach every branch SciPy chooses between (Ruben-Gambino, Durbin/MTW, Pomeranz,
  Pelz-Good, 2*smirnov, the n > 10^6 approximation, underflow to subnormals and 0);
- "numeric": two samples per case and every numeric drift statistic of them (ks_2samp with
  method='auto' and 'asymp', kstwobign, wasserstein_distance, PSI with its bins, JS distance,
  mean absolute deviation) -- small exact cases with ties, n_ref != n_cur, a side of size 1, the
  exact -> asymp fallback, the exact/asymp boundary, and samples of a million values;
- "categorical": two coded samples per case (levels in each side's own order) and chi2_contingency
  with and without Yates, PSI, JS, the aligned table and the unseen categories -- dof 1, K large,
  categories on one side only, code-point ordering, missing values.

Large samples are not stored: a sample is either inline ("values") or a generator spec that the
TypeScript tests replay bit for bit: mulberry32(seed) (as test/support/reference.ts `rng`) gives
u = uint32 / 2^32, then
  "uniform": u * scale + shift
  "grid":    floor(u * levels) * step + shift          (heavy ties)
  "bell":    (u1 + u2 + u3 + u4) * scale + shift       (Irwin-Hall, four draws per value)
and, with "nan_every": k, every k-th value (index % k == k - 1) is NaN (missing, excluded).
Every operation is one IEEE-754 operation, so Python and JavaScript produce identical doubles.

json.dump writes repr(float), which round-trips; a NaN from SciPy is written as null (e.g.
ks_2samp(method='asymp') of two single values: en = 0.5 rounds to n = 0, outside kstwo's domain).
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "reference", "drift", "cases.json")
QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
EPS_PSI = 1e-4

warnings.simplefilter("ignore")


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    while True:
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296


def sample(spec):
    if "values" in spec:
        x = np.array(spec["values"], dtype=np.float64)
    else:
        r = mulberry32(spec["seed"])
        n, kind = spec["n"], spec["kind"]
        out = np.empty(n)
        for i in range(n):
            if kind == "uniform":
                out[i] = next(r) * spec["scale"] + spec["shift"]
            elif kind == "grid":
                out[i] = math.floor(next(r) * spec["levels"]) * spec["step"] + spec["shift"]
            elif kind == "bell":
                s = next(r) + next(r)
                s = s + next(r)
                s = s + next(r)
                out[i] = s * spec["scale"] + spec["shift"]
            else:
                raise ValueError(kind)
        x = out
    k = spec.get("nan_every")
    if k:
        x = x.copy()
        x[k - 1 :: k] = np.nan
    return x


def flt(x):
    """A Python float (exact repr in JSON); None where SciPy returns NaN."""
    x = float(x)
    return None if x != x else x


def psi_js(ref_counts, cur_counts):
    p_ref = np.asarray(ref_counts, dtype=float) / np.sum(ref_counts)
    p_cur = np.asarray(cur_counts, dtype=float) / np.sum(cur_counts)
    e_ref = np.where(p_ref == 0, EPS_PSI, p_ref)
    e_cur = np.where(p_cur == 0, EPS_PSI, p_cur)
    psi = np.sum((e_cur - e_ref) * np.log(e_cur / e_ref))
    return flt(psi), flt(jensenshannon(p_ref, p_cur, base=2))


def numeric_case(name, ref_spec, cur_spec, note):
    ref_all, cur_all = sample(ref_spec), sample(cur_spec)
    ref, cur = ref_all[~np.isnan(ref_all)], cur_all[~np.isnan(cur_all)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        auto = stats.ks_2samp(ref, cur)
    fell_back = any("Switching to method=asymp" in str(w.message) for w in caught)
    n1, n2 = len(ref), len(cur)
    method = "exact" if max(n1, n2) <= 10000 and not fell_back else "asymp"
    asymp = stats.ks_2samp(ref, cur, method="asymp")
    m, n = sorted([float(n1), float(n2)], reverse=True)
    en = m * n / (m + n)
    cuts = np.unique(np.quantile(ref, QUANTILES))
    ref_counts = np.bincount(np.searchsorted(cuts, ref, side="left"), minlength=len(cuts) + 1)
    cur_counts = np.bincount(np.searchsorted(cuts, cur, side="left"), minlength=len(cuts) + 1)
    psi, js = psi_js(ref_counts, cur_counts)
    return {
        "name": name,
        "note": note,
        "reference": ref_spec,
        "current": cur_spec,
        "n_ref": n1,
        "n_cur": n2,
        "missing_ref": int(np.isnan(ref_all).sum()),
        "missing_cur": int(np.isnan(cur_all).sum()),
        "ks_statistic": flt(auto.statistic),
        "ks_p_value": flt(auto.pvalue),
        "ks_method": method,
        "ks_p_value_asymp": flt(asymp.pvalue),
        "ks_p_value_kolmogorov": flt(stats.kstwobign.sf(np.sqrt(en) * asymp.statistic)),
        "wasserstein": flt(stats.wasserstein_distance(ref, cur)),
        "mad_ref": flt(np.mean(np.abs(ref - np.mean(ref)))),
        "mean_ref": flt(np.mean(ref)),
        "mean_cur": flt(np.mean(cur)),
        "psi": psi,
        "js_distance": js,
        "psi_bins": {
            "cut_points": [flt(c) for c in cuts],
            "ref_counts": [int(c) for c in ref_counts],
            "cur_counts": [int(c) for c in cur_counts],
        },
    }


def U(seed, n, scale=1.0, shift=0.0, **kw):
    return {"seed": seed, "n": n, "kind": "uniform", "scale": scale, "shift": shift, **kw}


def G(seed, n, levels, step=1.0, shift=0.0, **kw):
    spec = {"seed": seed, "n": n, "kind": "grid", "levels": levels, "step": step, "shift": shift}
    return {**spec, **kw}


def B(seed, n, scale=1.0, shift=0.0, **kw):
    return {"seed": seed, "n": n, "kind": "bell", "scale": scale, "shift": shift, **kw}


def V(values):
    return {"values": values}


def numeric_cases():
    c = numeric_case
    return [
        c("ties, 7 vs 5", V([1, 2, 2, 3, 3, 3, 4]), V([2, 3, 3, 3, 5]), "exact, n1 != n2"),
        c("ties, equal n", V([1, 1, 2, 2, 3, 4, 4, 5]), V([2, 2, 3, 3, 3, 5, 6, 6]), "square"),
        c("square h=1 falls back", V([1, 2, 3, 4, 5]), V([1, 2, 3, 4, 6]),
          "n1 = n2 = 5, D = 1/5: the square's Horner form gives 1.0000000000000002 > 1, "
          "so scipy warns and switches to asymp"),
        c("one vs many", V([0.5]), G(11, 30, 10, 0.1), "n_ref = 1"),
        c("many vs one", G(12, 40, 10, 0.1), V([100.0]), "n_cur = 1, D = 1"),
        c("one vs one, equal", V([1.0]), V([1.0]), "D = 0"),
        c("one vs one, different", V([1.0]), V([2.0]), "D = 1"),
        c("disjoint", G(13, 100, 100), G(14, 50, 50, 1.0, 200.0), "D = 1, tiny exact p"),
        c("constant reference, same", V([5.0] * 50), V([5.0] * 20), "MAD 0, W1 0"),
        c("constant reference, moved", V([5.0] * 50), V([5.0] * 15 + [6.0] * 5), "MAD 0, W1 > 0"),
        c("negative and zero values", G(15, 900, 11, 1.0, -5.0), G(16, 700, 13, 1.0, -6.0),
          "ties around 0, radix-sorted (>= 512 values)"),
        c("missing values", U(17, 400, 10.0, nan_every=7), U(18, 300, 10.0, 0.5, nan_every=5),
          "NaN excluded and counted"),
        c("exact, large", U(19, 10000, 1.0), U(20, 7000, 1.0, 0.02), "max n = 10000: exact"),
        c("exact, square 10000", B(21, 10000), B(22, 10000, 1.0, 0.01), "n1 = n2 = 10000"),
        c("asymp, just over", U(23, 10001), U(24, 500, 1.0, 0.05), "max n = 10001: asymp"),
        c("asymp, huge vs one", U(25, 20000), V([0.999]), "en ~ 1, kstwo.sf(D, 1)"),
        c("asymp, grid ties", G(26, 50000, 50), G(27, 20000, 50, 1.0, 0.0), "heavy ties"),
        c("asymp, strong shift", B(28, 15000, 10.0), B(29, 6000, 10.0, 3.0),
          "p underflows to a subnormal or 0"),
        c("million, same distribution", U(30, 1_000_000), U(31, 1_000_000),
          "en = 500000, small D: Pelz-Good"),
        c("million, small shift", U(32, 1_000_000), U(33, 1_000_000, 1.0, 0.004),
          "en = 500000, 2.2 <= en D^2 < 370: 2 * smirnov(500000, D)"),
    ]


def categorical_side(levels, counts, missing=0):
    return {"levels": levels, "counts": counts, "missing": missing}


def categorical_case(name, ref, cur, note):
    def counts(side):
        out = {}
        for level, c in zip(side["levels"], side["counts"]):
            if c > 0:
                out[level] = out.get(level, 0) + c
        return out

    rc, cc = counts(ref), counts(cur)
    cats = sorted(set(rc) | set(cc))
    table = np.array([[rc.get(k, 0) for k in cats], [cc.get(k, 0) for k in cats]])
    yates = stats.chi2_contingency(table)
    plain = stats.chi2_contingency(table, correction=False)
    psi, js = psi_js(table[0], table[1])
    unseen = [k for k in cats if k not in rc]
    return {
        "name": name,
        "note": note,
        "reference": ref,
        "current": cur,
        "categories": cats,
        "ref_counts": [int(v) for v in table[0]],
        "cur_counts": [int(v) for v in table[1]],
        "chi2_yates": {"statistic": flt(yates[0]), "p_value": flt(yates[1]), "dof": int(yates[2])},
        "chi2_no_correction": {
            "statistic": flt(plain[0]),
            "p_value": flt(plain[1]),
            "dof": int(plain[2]),
        },
        "psi": psi,
        "js_distance": js,
        "unseen": {"rows": int(sum(cc[k] for k in unseen)), "categories": unseen},
    }


def categorical_cases():
    c, S = categorical_case, categorical_side
    many = [f"c{i:03d}" for i in range(300)]
    return [
        c("binary, Yates below 0.5", S(["a", "b"], [10, 11]), S(["b", "a"], [10, 10]),
          "dof 1: every |O - E| < 0.5, so Yates moves O onto E"),
        c("binary, strong", S(["yes", "no"], [700, 300]), S(["no", "yes"], [500, 500]), "dof 1"),
        c("binary, one side has one category", S(["a"], [40]), S(["a", "b"], [30, 10]),
          "K = 2, 'b' unseen in the reference"),
        c("one category", S(["x"], [12]), S(["x"], [7]), "dof 0: chi2 0, p 1"),
        c("one side only", S(["a", "b"], [5, 3]), S(["c", "b"], [4, 2]),
          "'a' only in reference, 'c' only in current (unseen)"),
        c("K = 300", S(many, [1 + (i * 37) % 50 for i in range(300)]),
          S(many[::-1], [1 + (i * 53) % 40 for i in range(300)]), "dof 299"),
        c("K = 300, same shape", S(many, [20 + i % 7 for i in range(300)]),
          S(many, [40 + 2 * (i % 7) for i in range(300)]), "dof 299, p near 1"),
        c("code-point order", S(["z", "Z", "é", "\uff5e", "\U0001F600"], [3, 4, 5, 6, 7]),
          S(["\U0001F600", "a", "z"], [2, 8, 1]),
          "U+FF5E sorts before U+1F600 by code point, after it in UTF-16 code units"),
        c("missing values", S(["a", "b", "c"], [30, 20, 10], missing=7),
          S(["c", "b", "a"], [5, 25, 30], missing=3), "code -1 excluded and counted"),
        c("huge counts", S(["a", "b", "c"], [400000, 300000, 300000]),
          S(["a", "b", "c"], [380000, 310000, 310000]), "p underflows to 0 in double"),
        c("large counts, tiny p", S(["a", "b", "c", "d"], [5000, 5000, 5000, 5000]),
          S(["a", "b", "c", "d"], [4800, 5100, 5200, 4900]), "p ~ 1e-2 .. 1e-10"),
    ]


def kstwo_grid():
    ns = [1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 139, 140, 141, 200, 500, 1000, 4291, 10000, 99999,
          100000, 100001, 500000, 1000000, 1000001, 3000000]
    targets = [0.05, 0.2, 0.5, 0.754, 0.76, 1.0, 1.5, 2.19, 2.21, 3.0, 3.99, 4.01, 6.0, 10.0,
               17.9, 18.1, 50.0, 100.0, 200.0, 360.0, 369.0, 371.0]
    out = []
    for n in ns:
        xs = {math.sqrt(t / n) for t in targets}
        xs |= {0.4 / n, 0.75 / n, 1.0 / n, 1.5 / n, (n - 1.0) / n, (n - 0.5) / n}
        xs |= {0.3, 0.5, 0.6, 0.9, 0.99, 1.0}
        for x in sorted(xs):
            if 0 < x <= 1:
                out.append({"n": n, "d": x, "sf": flt(stats.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    ns = [1, 2, 5, 10, 50, 140, 1000, 1012, 1013, 5000, 100000, 1000000, 1000001]
    out = []
    for n in ns:
        xs = {0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99}
        xs |= {1.0 / n, 0.5 / n, 1.5 / n, (n - 1.0) / n, 1 - 0.5 / n}
        for x in sorted(xs):
            if 0 < x < 1:
                out.append({"n": n, "x": x, "sf": flt(special.smirnov(n, x))})
    return out


def kstwobign_grid():
    xs = [0.01, 0.03, 0.0406, 0.041, 0.042, 0.05, 0.1, 0.3, 0.5, 0.8, 0.82, 0.83, 1.0, 1.5, 2.0,
          3.0, 5.0, 10.0, 20.0, 26.0, 27.0, 30.0]
    return [{"x": x, "sf": flt(stats.kstwobign.sf(x))} for x in xs]


def chi2_grid():
    out = []
    for dof in [1, 2, 3, 4, 5, 10, 19, 20, 21, 30, 99, 100, 299, 1000, 10000, 100000]:
        s = math.sqrt(2 * dof)
        xs = {0.0, 1e-8, 0.1, 0.5, dof * 0.5, dof - 1.0, float(dof), dof + 1.0, dof + 2.0,
              dof * 1.5, dof * 2.0, dof * 3.0, dof + 10 * s, dof + 40 * s, 133.8591700430622,
              1000.0, 1500.0, 2000.0}
        for x in sorted(xs):
            if x >= 0:
                out.append({"dof": dof, "x": x, "sf": flt(stats.chi2.sf(x, dof))})
    return out


def main():
    data = {
        "generator": "scripts/reference/drift_reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "calls": {
            "kstwo_sf": "scipy.stats.kstwo.sf(d, n)",
            "kstwobign_sf": "scipy.stats.kstwobign.sf(x)",
            "smirnov": "scipy.special.smirnov(n, x)",
            "chi2_sf": "scipy.stats.chi2.sf(x, dof)",
            "ks_statistic": "scipy.stats.ks_2samp(ref, cur).statistic",
            "ks_p_value": "scipy.stats.ks_2samp(ref, cur).pvalue (method='auto')",
            "ks_p_value_asymp": "scipy.stats.ks_2samp(ref, cur, method='asymp').pvalue",
            "ks_p_value_kolmogorov": "scipy.stats.kstwobign.sf(sqrt(en) * D), en = n1 n2/(n1+n2)",
            "wasserstein": "scipy.stats.wasserstein_distance(ref, cur)",
            "mad_ref": "numpy.mean(numpy.abs(ref - numpy.mean(ref)))",
            "psi_bins": "numpy.unique(numpy.quantile(ref, [0.1..0.9])); "
                        "numpy.searchsorted(cuts, x, side='left') counts",
            "psi": "sum((p_cur - p_ref) * log(p_cur / p_ref)), p == 0 replaced by 1e-4",
            "js_distance": "scipy.spatial.distance.jensenshannon(p_ref, p_cur, base=2)",
            "chi2_yates": "scipy.stats.chi2_contingency(table)",
            "chi2_no_correction": "scipy.stats.chi2_contingency(table, correction=False)",
        },
        "kstwo_sf": kstwo_grid(),
        "kstwobign_sf": kstwobign_grid(),
        "smirnov": smirnov_grid(),
        "chi2_sf": chi2_grid(),
        "numeric": numeric_cases(),
        "categorical": categorical_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, allow_nan=False, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
