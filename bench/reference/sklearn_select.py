#!/usr/bin/python3
"""Times scikit-learn looping GaussianMixture over a model-selection grid (the reference for `aimass select`).

Usage: sklearn_select.py X.npy K_LOW K_HIGH COVARIANCES ITERATIONS SEED
  COVARIANCES: comma-separated, e.g. full,tied,diag,spherical
Prints one JSON object: total wall and CPU seconds, per-candidate seconds and BIC, library versions; and one JSON line
per finished candidate on stderr (progress; "cpu" is the process's CPU seconds so far).

Each candidate is GaussianMixture(n_components=k, covariance_type=c, max_iter=ITERATIONS, tol=0, n_init=1,
init_params="k-means++", random_state=SEED).fit(X) followed by bic(X): what a scikit-learn user writes to select a
model. k-means++ seeding (on all rows) is scikit-learn's cheapest data-driven init; AiMass seeds with k-means++ and
Lloyd on a 50,000-row sample, so both sides pay for an initialisation.
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture


def main():
    path, low, high, covariances, iterations, seed = sys.argv[1:7]
    x = np.load(path).astype(np.float64, copy=False)
    warnings.simplefilter("ignore", ConvergenceWarning)
    rows, total = [], time.perf_counter()
    for k in range(int(low), int(high) + 1):
        for c in covariances.split(","):
            start = time.perf_counter()
            gm = GaussianMixture(n_components=k, covariance_type=c, max_iter=int(iterations), tol=0.0, n_init=1,
                                 init_params="k-means++", random_state=int(seed)).fit(x)
            bic = float(gm.bic(x))
            rows.append({"k": k, "covariance": c, "seconds": time.perf_counter() - start,
                         "cpu": time.process_time(), "bic": bic})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # progress: one line per candidate
    print(json.dumps({"library": "scikit-learn " + sklearn.__version__, "numpy": np.__version__,
                      "seconds": time.perf_counter() - total, "cpu": time.process_time(), "candidates": rows}))


if __name__ == "__main__":
    main()
