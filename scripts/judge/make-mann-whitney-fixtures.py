#!/usr/bin/env python3
"""Writes lib/guardrails/core/fixtures/mann-whitney.json: reference values for the Mann-Whitney judge.

Run once with SciPy (1.17.1 when committed): python3 scripts/judge/make-mann-whitney-fixtures.py
R is not available on the build machines, so the values are R's `wilcox.test(x, y, exact = FALSE,
correct = TRUE, conf.int = TRUE, conf.level = 0.98)` recomputed independently of the TypeScript code:
  - W and the p-value come from scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True), which
    applies the same tie correction and continuity correction as R;
  - the confidence interval is R's own algorithm, ported literally: the root in d of R's `wdiff(d, zq)`
    (ranks of c(x - d, y) recomputed with scipy.stats.rankdata, tie-corrected sigma recomputed at every d,
    continuity correction sign(dz) * 0.5), found with scipy.optimize.brentq to 1e-12 instead of R's
    uniroot(tol = 1e-4), with R's end-point rule (min(x) - max(y) / max(x) - min(y) when no sign change);
  - the estimate is the Hodges-Lehmann estimator: the median of all pairwise differences x_i - y_j.
The TypeScript judge finds the same roots by counting pairwise differences instead (no root finder), so
the two computations share nothing but the definition.
"""
import json
import math
import os

import numpy as np
from scipy import optimize, stats

CONF = 0.98


def wdiff(d, zq, x, y, correct=True):
    nx, ny = len(x), len(y)
    dr = stats.rankdata(np.concatenate([x - d, y]))
    _, counts = np.unique(dr, return_counts=True)
    dz = dr[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
    corr = np.sign(dz) * 0.5 if correct else 0.0
    n = nx + ny
    sigma = math.sqrt((nx * ny / 12) * ((n + 1) - (counts**3 - counts).sum() / (n * (n - 1))))
    if sigma == 0:
        raise ValueError("all tied")
    return (dz - corr) / sigma - zq


def root(zq, x, y):
    lo, hi = x.min() - y.max(), x.max() - y.min()
    f_lo, f_hi = wdiff(lo, zq, x, y), wdiff(hi, zq, x, y)
    if f_lo <= 0:
        return float(lo)
    if f_hi >= 0:
        return float(hi)
    return float(optimize.brentq(wdiff, lo, hi, args=(zq, x, y), xtol=1e-12, rtol=4 * np.finfo(float).eps, maxiter=500))


def reference(name, x, y, note):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    res = stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="asymptotic")
    alpha = 1 - CONF
    case = {"name": name, "note": note, "x": x.tolist(), "y": y.tolist(), "confLevel": CONF, "W": float(res.statistic), "pValue": float(res.pvalue)}
    all_tied = np.unique(np.concatenate([x, y])).size == 1
    if all_tied:
        case["confInt"] = None
        case["estimate"] = None
    else:
        case["confInt"] = [root(stats.norm.ppf(1 - alpha / 2), x, y), root(stats.norm.ppf(alpha / 2), x, y)]
        case["estimate"] = float(np.median(np.subtract.outer(x, y).ravel()))
    return case


def main():
    rng = np.random.default_rng(20261130)
    cases = []
    add = lambda name, x, y, note: cases.append(reference(name, x, y, note))

    add("textbook small", [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29], "R's ?wilcox.test depression data")
    add("clear shift up", rng.normal(120, 10, 60).round(2), rng.normal(100, 10, 60).round(2), "canary about 20 higher")
    add("clear shift down", rng.normal(80, 10, 55).round(2), rng.normal(100, 10, 70).round(2), "canary about 20 lower")
    add("no shift", rng.normal(100, 10, 80).round(2), rng.normal(100, 10, 80).round(2), "same distribution")
    add("small shift", rng.normal(102, 10, 100).round(2), rng.normal(100, 10, 100).round(2), "shift well inside the noise")
    add("heavy ties integers", rng.integers(0, 5, 60), rng.integers(0, 5, 60), "five distinct values")
    add("heavy ties shifted", rng.integers(2, 7, 60), rng.integers(0, 5, 60), "five distinct values, shifted by 2")
    add("identical samples", [5, 6, 7, 8, 9, 10] * 10, [5, 6, 7, 8, 9, 10] * 10, "same values in both cohorts")
    add("identical shuffled", rng.permutation(np.arange(50.0)), np.arange(50.0), "same multiset, different order")
    add("one value differs", [1.0] * 49 + [2.0], [1.0] * 50, "almost all tied")
    add("all tied", [3.0] * 50, [3.0] * 50, "every observation equal: no interval")
    add("disjoint ranges", rng.uniform(10, 11, 50).round(3), rng.uniform(0, 1, 50).round(3), "every canary above every baseline")
    add("disjoint reversed", rng.uniform(0, 1, 50).round(3), rng.uniform(10, 11, 50).round(3), "every canary below every baseline")
    add("error ratios", rng.beta(2, 200, 60).round(5), rng.beta(2, 300, 60).round(5), "small ratios like error rates")
    add("latency lognormal", rng.lognormal(5.5, 0.4, 75).round(1), rng.lognormal(5.3, 0.4, 75).round(1), "skewed latencies in ms")
    add("unequal sizes", rng.normal(10, 2, 50).round(2), rng.normal(9, 2, 120).round(2), "50 vs 120")
    add("tiny", [1.0, 2.0, 3.0], [4.0, 5.0], "too few for the judge, still a reference")
    add("zeros and spikes", np.concatenate([np.zeros(45), rng.uniform(1, 3, 15).round(2)]), np.concatenate([np.zeros(55), rng.uniform(1, 3, 5).round(2)]), "mostly zero counters")
    add("wide spread", rng.standard_cauchy(60).round(3), rng.standard_cauchy(60).round(3), "heavy tails")
    add("ties across groups", np.repeat([1.0, 2.0, 3.0, 4.0], 15), np.repeat([2.0, 3.0, 4.0, 5.0], 15), "canary one step lower, all tied in blocks")
    add("large", rng.normal(50, 5, 200).round(2), rng.normal(51, 5, 200).round(2), "200 per cohort")
    add("negative values", rng.normal(-3, 1, 50).round(3), rng.normal(-2, 1, 50).round(3), "below zero")

    out = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "guardrails", "fixtures", "mann-whitney.json")
    with open(out, "w") as f:
        json.dump({"generator": "scripts/judge/make-mann-whitney-fixtures.py", "scipy": __import__("scipy").__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
