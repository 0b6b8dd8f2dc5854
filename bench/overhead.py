#!/usr/bin/python3
"""Cluster overhead, in one run: `aimass fit` in one process against the same job through a one-worker loopback
cluster of processes (deploy/local-cluster.sh start 1: seed, coordinator, one worker), N=1e6 rows, D=16, K=16 full,
8 partitions, 20 iterations, tol 0, both on the SIMD CPU path with the same initial model.

Per iteration it reports, for both, the median and the best of the model file's `history[].ms` (E-step + M-step as
the fit measures it; for the cluster the E-step is from sending the request to having every answer folded) and, for
the cluster, the median cadence of the coordinator's iteration log lines (everything, checkpoint included). The
local fit runs before and after the cluster (the faster of the two counts), since a shared machine's load drifts.
The ratios are cluster / local. The two models must be identical bit for bit (checked).

Usage: /usr/bin/python3 bench/overhead.py [--rows N] [--iterations I] [--out DIR]
Builds aimass in Release first when it is missing.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "src/Coordinator/bin/Release/net10.0/aimass.dll")
SCRIPT = os.path.join(ROOT, "deploy/local-cluster.sh")


def run(args, env=None):
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def aimass(*args, env=None):
    return run(["dotnet", DLL, *args], env=env)


def history_ms(path):
    with open(path) as f:
        model = json.load(f)
    return [h["ms"] for h in model["history"]], model


def cadence_ms(log):
    stamps = []
    for line in open(log):
        if re.search(r" job=\S+ iteration \d+ \(init", line):
            stamps.append(datetime.datetime.fromisoformat(line.split(" ")[0].replace("Z", "+00:00")))
    return [(b - a).total_seconds() * 1000 for a, b in zip(stamps, stamps[1:])]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="1000000")
    parser.add_argument("--iterations", default="20")
    parser.add_argument("--out", default=None)
    options = parser.parse_args()
    if not os.path.exists(DLL):
        run(["dotnet", "build", os.path.join(ROOT, "src/Coordinator"), "-c", "Release"])
    out = options.out or tempfile.mkdtemp(prefix="aimass-overhead-")
    os.makedirs(out, exist_ok=True)
    data, init = os.path.join(out, "x.npy"), os.path.join(out, "init.json")
    aimass("gen", "gmm", "--rows", options.rows, "--features", "16", "--components", "16", "--seed", "1",
           "--output", data)
    common = ["--data", data, "--k", "16", "--covariance", "full", "--partitions", "8", "--tol", "0",
              "--device", "cpu"]
    aimass("fit", "gmm", *common, "--max-iter", "1", "--output", init)  # the same start for both
    fit = ["--init", init, "--max-iter", options.iterations]
    aimass("fit", "gmm", *common, *fit, "--output", os.path.join(out, "local.json"))
    local, local_model = history_ms(os.path.join(out, "local.json"))

    cluster_dir = os.path.join(out, "cluster")
    env = dict(os.environ, AIMASS_DLL=DLL)
    run([SCRIPT, "start", "1", "--dir", cluster_dir, "--device", "cpu", "--timeout", "120"], env=env)
    try:
        client = dict(env)
        for line in open(os.path.join(cluster_dir, "env")):
            if "=" in line and not line.startswith("export "):
                name, value = line.strip().split("=", 1)
                client[name] = value
        aimass("submit", "gmm", *[a for a in common if a not in ("--device", "cpu")], *fit, "--output",
               os.path.join(out, "cluster.json"), env=client)
        cadence = cadence_ms(os.path.join(cluster_dir, "coordinator.log"))
    finally:
        run([SCRIPT, "stop", "--dir", cluster_dir], env=env)
    remote, remote_model = history_ms(os.path.join(out, "cluster.json"))
    aimass("fit", "gmm", *common, *fit, "--output", os.path.join(out, "local-after.json"))
    after, _ = history_ms(os.path.join(out, "local-after.json"))
    if statistics.median(after[1:]) < statistics.median(local[1:]):
        local = after

    same = all(local_model[key] == remote_model[key] for key in ("weights", "means", "covariances"))
    m_local, m_remote, m_cadence = (statistics.median(x[1:]) for x in (local, remote, cadence))
    b_local, b_remote = min(local[1:]), min(remote[1:])
    print(f"N={options.rows} D=16 K=16 full, 8 partitions, {options.iterations} iterations (without the first)")
    print(f"aimass fit (one process):        median {m_local:7.1f} ms, best {b_local:7.1f} ms per iteration")
    print(f"one-worker cluster of processes: median {m_remote:7.1f} ms, best {b_remote:7.1f} ms per iteration; "
          f"median {m_cadence:.1f} ms between iteration log lines")
    print(f"models identical bit for bit: {'yes' if same else 'NO'}")
    print(f"overhead: ratio={m_remote / m_local:.2f} best_ratio={b_remote / b_local:.2f} "
          f"cadence_ratio={m_cadence / m_local:.2f}")
    if not options.out:
        shutil.rmtree(out)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
