#!/usr/bin/env python3
"""GARCH(1,1) peers on the FCP benchmark (DEM/GBP), called by compare-garch.sh.

  garch_peers.py scipy       DATA REPS   fit with scipy.optimize on the exact FCP likelihood
  garch_peers.py statsmodels DATA REPS   fit with statsmodels' GenericLikelihoodModel (same likelihood)
  garch_peers.py summarize   RESULTS     table: time, digits (LRE) per parameter and logL, ratio to Sobolev

Each fitting command prints one JSON line per variant: tool, mu, omega, alpha, beta, loglik, best_ms,
median_ms, reps. The likelihood is the FCP one: e_t = y_t - mu, h_0 = e_0^2 = (1/T) sum e_t^2 (current mu),
h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}, logL = -1/2 sum [ln 2pi + ln h_t + e_t^2/h_t].
"""
import json
import math
import statistics
import sys
import time

# REFERENCES.md section 3 (Fiorentini, Calzolari & Panattoni 1996; McCullough & Renfro 1999)
BENCHMARK = {"mu": -0.0061904083799, "omega": 0.0107613978518, "alpha": 0.15313406182,
             "beta": 0.80597367031, "loglik": -1106.60788104129}
KEYS = ["mu", "omega", "alpha", "beta", "loglik"]


def read_series(path):
    import numpy as np
    with open(path) as f:
        header = f.readline().strip().replace('"', '').split(",")
        col = header.index("dem2gbp")
        return np.array([float(line.split(",")[col]) for line in f if line.strip()])


def neg_loglik(theta, y):
    """Minus the FCP log-likelihood; the variance recursion is a first-order linear filter (lfilter)."""
    import numpy as np
    from scipy.signal import lfilter
    mu, omega, alpha, beta = theta
    if omega <= 0 or alpha < 0 or beta < 0 or alpha + beta >= 1:
        return 1e10
    e = y - mu
    e2 = e * e
    s2 = e2.mean()
    x = np.empty_like(y)
    x[0] = omega + alpha * s2
    x[1:] = omega + alpha * e2[:-1]
    h = lfilter([1.0], [1.0, -beta], x, zi=[beta * s2])[0]
    return 0.5 * (y.size * math.log(2 * math.pi) + np.log(h).sum() + (e2 / h).sum())


def start(y):
    v = float(y.var())
    return [float(y.mean()), 0.1 * v, 0.05, 0.85]


def timed(fit, reps):
    times, result = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fit()
        times.append((time.perf_counter() - t0) * 1e3)
    return result, min(times), statistics.median(times)


def emit(tool, theta, loglik, best, median, reps, **extra):
    out = {"tool": tool, "mu": theta[0], "omega": theta[1], "alpha": theta[2], "beta": theta[3],
           "loglik": loglik, "best_ms": best, "median_ms": median, "reps": reps}
    out.update(extra)
    print(json.dumps(out))


def run_scipy(path, reps):
    import scipy
    from scipy.optimize import minimize
    y = read_series(path)
    bounds = [(None, None), (1e-8, None), (0.0, 1.0), (0.0, 1.0)]
    variants = [
        ("scipy L-BFGS-B (defaults)", dict(method="L-BFGS-B", bounds=bounds)),
        ("scipy L-BFGS-B (ftol 1e-15, gtol 1e-10)",
         dict(method="L-BFGS-B", bounds=bounds, options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000})),
        ("scipy Nelder-Mead (xatol/fatol 1e-12)",
         dict(method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})),
    ]
    for name, kw in variants:
        res, best, med = timed(lambda: minimize(neg_loglik, start(y), args=(y,), **kw), reps)
        emit(name, list(res.x), -res.fun, best, med, reps, version="scipy " + scipy.__version__,
             success=bool(res.success), evaluations=int(res.nfev))


def run_statsmodels(path, reps):
    import warnings
    import numpy as np
    import statsmodels
    from statsmodels.base.model import GenericLikelihoodModel
    warnings.simplefilter("ignore")  # df_model/nparams notes of GenericLikelihoodModel; convergence is recorded

    class FcpGarch(GenericLikelihoodModel):
        def loglike(self, params):
            return -neg_loglik(params, self.endog)

    y = read_series(path)
    # Newton with statsmodels' numerical Hessian steps out of the feasible region from this start and fails
    # (singular Hessian of the 1e10 penalty), so only the quasi-Newton methods are timed
    for method, kw in [("bfgs", {"gtol": 1e-10}), ("lbfgs", {"pgtol": 1e-10, "factr": 10.0})]:
        def fit():
            m = FcpGarch(y, exog=np.ones((y.size, 1)))
            return m.fit(start_params=start(y), method=method, maxiter=2000, disp=0, **kw)
        res, best, med = timed(fit, reps)
        emit("statsmodels GenericLikelihoodModel (%s, numerical derivatives)" % method, list(res.params),
             float(res.llf), best, med, reps, version="statsmodels " + statsmodels.__version__,
             success=bool(res.mle_retvals.get("converged", False)))


def lre(x, c):
    if x is None or not math.isfinite(x):
        return 0.0
    if x == c:
        return 15.0
    return max(0.0, min(15.0, -math.log10(abs(x - c) / abs(c))))


def summarize(path):
    rows = [json.loads(line) for line in open(path) if line.startswith("{")]
    ref = next((r for r in rows if r["tool"].startswith("Sobolev")), None)
    ref_ms = ref["median_ms"] if ref else None
    print("| tool | best ms | median ms | reps | ratio to Sobolev (median) | LRE mu | omega | alpha | beta | logL |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        digits = " | ".join("%.1f" % lre(r.get(k), BENCHMARK[k]) for k in KEYS)
        ratio = "%.0f" % (r["median_ms"] / ref_ms) if ref_ms else "n/a"
        if r is ref:
            ratio = "1"
        print("| %s | %.4g | %.4g | %d | %s | %s |" % (r["tool"], r["best_ms"], r["median_ms"], r["reps"], ratio, digits))
    print()
    print("Estimates (mu, omega, alpha, beta, logL):")
    for r in rows:
        print("  %-62s %s" % (r["tool"], "  ".join("%.12g" % r[k] for k in KEYS)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "scipy":
        run_scipy(sys.argv[2], int(sys.argv[3]))
    elif cmd == "statsmodels":
        run_statsmodels(sys.argv[2], int(sys.argv[3]))
    elif cmd == "summarize":
        summarize(sys.argv[2])
    else:
        sys.exit("unknown command " + cmd)
