#!/usr/bin/python3
"""Model selection in one data pass (`aimass select gmm`) against the sum of the separate fits (`aimass fit gmm`, one
process per candidate, as a user would run them) and against scikit-learn looping GaussianMixture over the same grid.
Writes a markdown table to stdout and the raw numbers to OUT/select-results.json.

Usage: /usr/bin/python3 bench/select_bench.py [--out DIR] [--quick] [--skip-sklearn] [--skip-aimass]
  --quick  N=50,000 and K=2..4: checks the script (the numbers mean nothing).
Every candidate runs exactly 10 EM iterations (--tol 0) from one k-means++ initialisation (seed 1). Three AiMass cases:
the default (prepared rows kept resident between passes) and two memory-bound ones, diag and spherical candidates with
--cpu-cache-mb 0, where every pass streams the rows from the file (data larger than the memory the CPU path may
keep), over k=2..16 and over k=2..6 (little arithmetic per row). The script also checks that every row of select's
table equals its separate fit bit for bit.
"""
import csv
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# AIMASS_BIN: a copy of the build output to time (so a rebuild of the working tree cannot change it midway).
AIMASS = os.environ.get("AIMASS_BIN", os.path.join(ROOT, "src/Coordinator/bin/Release/net10.0/aimass"))
HERE = os.path.dirname(os.path.abspath(__file__))
COMMON = ["--n-init", "1", "--max-iter", "10", "--tol", "0", "--seed", "1", "--device", "cpu"]


def timed(args, stderr=None):
    """Runs ARGS; returns (wall seconds, CPU seconds of the child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=stderr or subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def case(out, data, name, ks, covariances, extra):
    table = os.path.join(out, f"{name}-table.csv")
    select_wall, select_cpu, _ = timed([AIMASS, "select", "gmm", "--data", data, "--k", f"{ks[0]}..{ks[-1]}",
                                        "--covariance", ",".join(covariances), *COMMON, *extra,
                                        "--output", os.path.join(out, f"{name}-best.json"), "--table", table])
    with open(table) as f:
        rows = {(int(r["k"]), r["covariance"]): r for r in csv.DictReader(f)}
    separate_wall = separate_cpu = 0.0
    mismatches = []
    for k in ks:
        for c in covariances:
            model = os.path.join(out, f"{name}-fit-{k}-{c}.json")
            wall, cpu, _ = timed([AIMASS, "fit", "gmm", "--data", data, "--k", str(k), "--covariance", c, *COMMON,
                                  *extra, "--output", model])
            separate_wall, separate_cpu = separate_wall + wall, separate_cpu + cpu
            with open(model) as f:
                fitted = json.load(f)
            row = rows[(k, c)]
            for field in ("lower_bound", "log_likelihood", "bic", "aic"):
                if float(row[field]) != fitted[field]:
                    mismatches.append(f"k={k} {c} {field}: select {row[field]!r}, fit {fitted[field]!r}")
    return {"case": name, "candidates": len(ks) * len(covariances), "select_wall": select_wall,
            "select_cpu": select_cpu, "separate_wall": separate_wall, "separate_cpu": separate_cpu,
            "speedup_wall": separate_wall / select_wall, "speedup_cpu": separate_cpu / select_cpu,
            "mismatches": mismatches}


def main():
    args = sys.argv[1:]
    out = args[args.index("--out") + 1] if "--out" in args else os.path.join(ROOT, ".bench-out")
    quick = "--quick" in args
    os.makedirs(out, exist_ok=True)
    if "AIMASS_BIN" not in os.environ:
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src/Coordinator"), "-c", "Release"], check=True,
                       capture_output=True)
    rows, ks = (50_000, [2, 3, 4]) if quick else (1_000_000, list(range(2, 17)))
    data = os.path.join(out, f"select-{rows}x16.npy")
    if not os.path.exists(data):
        timed([AIMASS, "gen", "gmm", "--rows", str(rows), "--features", "16", "--components", "8", "--seed", "7",
               "--output", data])
    results = []
    for name, types, extra in (("grid", ["full", "tied", "diag", "spherical"], []),
                               ("memory-bound", ["diag", "spherical"], ["--cpu-cache-mb", "0"]),
                               ("memory-bound small k", ["diag", "spherical"], ["--cpu-cache-mb", "0"])):
        ks_case = ks[:5] if name.endswith("small k") else ks
        if "--skip-aimass" not in args:
            results.append(case(out, data, name, ks_case, types, extra))
            with open(os.path.join(out, "select-results.json"), "w") as f:
                json.dump({"rows": rows, "cases": results}, f, indent=1)
    sklearn = None
    if "--skip-sklearn" not in args:
        wall, cpu, text = timed(["/usr/bin/python3", os.path.join(HERE, "reference/sklearn_select.py"), data,
                                 str(ks[0]), str(ks[-1]), "full,tied,diag,spherical", "10", "1"],
                                stderr=open(os.path.join(out, "sklearn-progress.jsonl"), "w"))
        sklearn = json.loads(text) | {"wall": wall, "cpu": cpu}
    with open(os.path.join(out, "select-results.json"), "w") as f:
        json.dump({"rows": rows, "cases": results, "sklearn": sklearn}, f, indent=1)
    if not results:
        print(json.dumps(sklearn, indent=1))
        return
    print(f"N={rows:,}, D=16, k={ks[0]}..{ks[-1]}, 10 iterations per candidate, 1 init\n")
    print("| case | candidates | select s (CPU s) | separate fits s (CPU s) | speed-up wall (CPU) | rows equal |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        print(f"| {r['case']} | {r['candidates']} | {r['select_wall']:.1f} ({r['select_cpu']:.1f}) | "
              f"{r['separate_wall']:.1f} ({r['separate_cpu']:.1f}) | {r['speedup_wall']:.2f}× "
              f"({r['speedup_cpu']:.2f}×) | {'yes' if not r['mismatches'] else r['mismatches'][:3]} |")
    if sklearn:
        grid = results[0]
        print(f"\nscikit-learn ({sklearn['library']}) looping GaussianMixture over the grid: {sklearn['wall']:.1f} s "
              f"(CPU {sklearn['cpu']:.1f} s); aimass select: {grid['select_wall']:.1f} s → "
              f"{sklearn['wall'] / grid['select_wall']:.1f}× (CPU {sklearn['cpu'] / grid['select_cpu']:.1f}×)")


if __name__ == "__main__":
    main()
