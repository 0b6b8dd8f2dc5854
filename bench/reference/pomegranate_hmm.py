#!/usr/bin/python3
"""Times pomegranate 0.14.8 Baum-Welch iterations of a Gaussian-diag HMM from a given initial model.

Usage: pomegranate_hmm.py X.npy lengths.txt init.json ITERATIONS [--jobs N]
Prints one JSON object with the seconds per Baum-Welch update and the library version.

pomegranate's fit(max_iterations=n) performs n + 1 updates (see tests/fixtures/hmm/make_hmm_fixtures.py), and
its first call also builds internal structures; so the time per update is measured as the difference of two fits
(max_iterations = ITERATIONS and 1) divided by the difference of their update counts.
"""
import json
import sys
import time

import numpy as np
import pomegranate
from pomegranate import HiddenMarkovModel, IndependentComponentsDistribution, NormalDistribution


def build(model):
    states = len(model["startprob"])
    means = np.asarray(model["means"])
    variances = np.asarray(model["covariances"])
    dists = [IndependentComponentsDistribution(
        [NormalDistribution(means[s, j], np.sqrt(variances[s, j])) for j in range(means.shape[1])])
        for s in range(states)]
    return HiddenMarkovModel.from_matrix(np.asarray(model["transmat"]), dists, np.asarray(model["startprob"]))


def timed_fit(model, sequences, iterations, jobs):
    hmm = build(model)
    start = time.perf_counter()
    hmm.fit(sequences, max_iterations=iterations, stop_threshold=-1e300, verbose=False, n_jobs=jobs)
    return time.perf_counter() - start


def main():
    x = np.load(sys.argv[1]).astype(np.float64, copy=False)
    lengths = [int(line) for line in open(sys.argv[2]) if line.strip()]
    with open(sys.argv[3]) as f:
        model = json.load(f)
    iterations = int(sys.argv[4])
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 2
    starts = np.cumsum([0] + lengths[:-1])
    sequences = [x[s:s + t] for s, t in zip(starts, lengths)]
    short = timed_fit(model, sequences, 1, jobs)
    long = timed_fit(model, sequences, iterations, jobs)
    print(json.dumps({
        "library": "pomegranate " + pomegranate.__version__, "jobs": jobs,
        "seconds_per_iteration": (long - short) / (iterations - 1), "rows": int(x.shape[0]),
        "sequences": len(lengths)}))


if __name__ == "__main__":
    main()
