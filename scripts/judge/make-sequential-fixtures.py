#!/usr/bin/env python3
"""Writes lib/guardrails/core/fixtures/sequential.json: reference values for the sequential (mSPRT) judge.

Standard library only (python3 scripts/judge/make-sequential-fixtures.py). Independent of the TypeScript code: the
mixture likelihood ratio is computed by numerical integration of the normal likelihood ratio over the mixing
distribution N(0, tau^2) (Simpson's rule over +-12 tau), not from the closed form the TypeScript judge uses, and the
confidence interval's ends are found by bisection on that integral. Agreement of the two says the closed form, the
variance estimates and the interval are right.

  Lambda = integral phi(theta; 0, tau^2) * exp( (theta * est - theta^2 / 2) / V ) d theta
"""
import json
import math
import os
import random


def lambda_by_integration(est, var, tau2):
    tau = math.sqrt(tau2)
    n = 4000  # even
    a, b = -12 * tau, 12 * tau
    h = (b - a) / n
    total = 0.0
    # Shift the exponent by its maximum over the grid, so exp never overflows; add it back as a log.
    exps = []
    for i in range(n + 1):
        t = a + i * h
        dens_log = -0.5 * t * t / tau2 - 0.5 * math.log(2 * math.pi * tau2)
        lr_log = (t * est - 0.5 * t * t) / var
        exps.append(dens_log + lr_log)
    m = max(exps)
    for i, e in enumerate(exps):
        w = 1 if i in (0, n) else (4 if i % 2 else 2)
        total += w * math.exp(e - m)
    return math.log(total * h / 3) + m


def interval(est, var, tau2, alpha):
    # Differences d with log Lambda(est - d) < log(1/alpha); Lambda grows with |est - d|, so bisect each side.
    target = math.log(1 / alpha)

    def side(sign):
        lo, hi = 0.0, math.sqrt(var) * 2
        while lambda_by_integration(hi, var, tau2) < target:
            hi *= 2
        for _ in range(80):
            mid = (lo + hi) / 2
            if lambda_by_integration(mid, var, tau2) < target:
                lo = mid
            else:
                hi = mid
        return est + sign * (lo + hi) / 2

    return [side(-1), side(1)]


def ratio_case(rng):
    nc = rng.choice([200, 1000, 5000, 60000])
    nb = rng.choice([200, 1000, 5000, 60000])
    pb = rng.choice([0.005, 0.01, 0.02])
    pc = pb * rng.choice([1, 1.2, 1.5, 2, 0.8])
    ec, eb = round(nc * pc), round(nb * pb)
    pooled = max((ec + eb) / (nc + nb), 0.5 / (nc + nb))
    var = pooled * (1 - pooled) * (1 / nc + 1 / nb)
    est = ec / nc - eb / nb
    rel = rng.choice([0.25, 0.5, 1.0])
    tau2 = max(rel * eb / nb, 1e-6) ** 2
    alpha = rng.choice([0.05, 0.01, 0.005])
    return {"kind": "ratio", "canary": {"events": ec, "trials": nc}, "baseline": {"events": eb, "trials": nb},
            "minRelativeEffect": rel, "alpha": alpha, "estimate": est, "variance": var,
            "logLambda": lambda_by_integration(est, var, tau2), "interval": interval(est, var, tau2, alpha)}


def continuous_case(rng):
    n = rng.choice([5, 12, 50, 200])
    base = rng.choice([80.0, 120.0, 300.0])
    shift = base * rng.choice([0, 0.05, 0.1, 0.25])
    canary, baseline = {}, {}
    for i in range(n):
        b = base * math.exp(rng.gauss(0, 0.15))
        baseline[i * 10000] = b
        canary[i * 10000] = b + shift + rng.gauss(0, base * 0.1)
    # An unpaired bucket on each side: the judge must ignore it.
    canary[n * 10000] = base * 10
    baseline[-10000] = base * 10
    diffs = [canary[k] - baseline[k] for k in sorted(canary) if k in baseline]
    m = sum(diffs) / len(diffs)
    var = sum((d - m) ** 2 for d in diffs) / (len(diffs) - 1) / len(diffs)
    level = sum(baseline[k] for k in sorted(canary) if k in baseline) / len(diffs)
    rel = rng.choice([0.1, 0.25])
    tau2 = (rel * level) ** 2
    alpha = rng.choice([0.05, 0.01])
    return {"kind": "continuous", "canary": [[k, v] for k, v in canary.items()], "baseline": [[k, v] for k, v in baseline.items()],
            "minRelativeEffect": rel, "alpha": alpha, "estimate": m, "variance": var,
            "logLambda": lambda_by_integration(m, var, tau2), "interval": interval(m, var, tau2, alpha)}


def main():
    rng = random.Random(20261207)
    cases = [ratio_case(rng) for _ in range(24)] + [continuous_case(rng) for _ in range(16)]
    out = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "guardrails", "core", "fixtures", "sequential.json")
    with open(out, "w") as f:
        json.dump({"generatedBy": "scripts/judge/make-sequential-fixtures.py", "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
