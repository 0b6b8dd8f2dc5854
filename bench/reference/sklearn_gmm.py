#!/usr/bin/python3
"""Times scikit-learn's GaussianMixture EM iterations from a given initial model (the side-by-side reference).

Usage: sklearn_gmm.py X.npy init.json ITERATIONS [--threads N]
Prints one JSON object: per-iteration seconds, the lower bound after the last iteration, and library versions.

The initial model is an aimass model file (weights, means, covariances). scikit-learn takes precisions, so the
covariances are inverted. The loop calls GaussianMixture's own _e_step/_m_step (what fit() runs per iteration), so
the time excludes fit()'s k-means initialisation, which it runs even when all *_init are given.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture


def precisions(model):
    cov = np.asarray(model["covariances"], dtype=np.float64)
    kind = model["covariance_type"]
    if kind in ("full", "tied"):
        return np.linalg.inv(cov)
    return 1.0 / cov


def main():
    path, init_path, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
    x = np.load(path).astype(np.float64, copy=False)
    with open(init_path) as f:
        model = json.load(f)
    gm = GaussianMixture(
        n_components=model["n_components"], covariance_type=model["covariance_type"], tol=0.0,
        reg_covar=1e-6, max_iter=1, weights_init=np.asarray(model["weights"]),
        means_init=np.asarray(model["means"]), precisions_init=precisions(model), init_params="random",
        random_state=0)
    gm._check_parameters(x)
    gm._initialize_parameters(x, np.random.RandomState(0))
    times, lower_bound = [], None
    for _ in range(iterations):
        start = time.perf_counter()
        log_prob_norm, log_resp = gm._e_step(x)
        gm._m_step(x, log_resp)
        times.append(time.perf_counter() - start)
        lower_bound = float(log_prob_norm)
    print(json.dumps({
        "library": "scikit-learn " + sklearn.__version__, "numpy": np.__version__,
        "seconds_per_iteration": times, "lower_bound": lower_bound, "rows": int(x.shape[0])}))


if __name__ == "__main__":
    main()
