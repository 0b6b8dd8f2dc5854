#!/usr/bin/python3
"""Side-by-side benchmark: AiMass against scikit-learn (GMM) and pomegranate (HMM), same machine, same run, same
initial model. Writes the table (markdown) to stdout and the raw numbers to OUT/results.json.

Usage: /usr/bin/python3 bench/compare.py [--out DIR] [--quick]
  --quick  small sizes, to check the script itself (the numbers mean nothing).
Needs Debian's python3-sklearn, python3-pomegranate, libopenblas0-pthread; builds aimass in Release first.
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AIMASS = os.path.join(ROOT, "src/Coordinator/bin/Release/net10.0/aimass")
BENCH = os.path.join(ROOT, "bench/AiMass.Bench/bin/Release/net10.0/AiMass.Bench.dll")
HERE = os.path.dirname(os.path.abspath(__file__))
ITERATIONS = 10


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def aimass(*args):
    return run([AIMASS, *args])


def our_fit(kind, data, init, out, extra=()):
    """Fits from INIT for ITERATIONS iterations in float32 (--precision single: auto would run the last two of a
    fixed-iteration fit in float64); returns (median ms per iteration, lower bounds)."""
    aimass("fit", kind, "--data", data, "--init", init, "--max-iter", str(ITERATIONS), "--tol", "0",
           "--precision", "single", "--device", "cpu", "--output", out, *extra)
    with open(out) as f:
        model = json.load(f)
    ms = [h["ms"] for h in model["history"]]
    return statistics.median(ms[1:]), [h["lower_bound"] for h in model["history"]], model


def mixture_data(out, name, rows, features, components, gen=(), fit=()):
    """Writes OUT/NAME.npy (seed 7) and its initial model OUT/NAME-init.json (k-means++, no EM iteration);
    returns their paths. GEN and FIT are extra flags of `gen gmm` and `fit gmm`."""
    data, init = os.path.join(out, name + ".npy"), os.path.join(out, name + "-init.json")
    aimass("gen", "gmm", "--rows", str(rows), "--features", str(features), "--components", str(components),
           "--seed", "7", *gen, "--output", data)
    aimass("fit", "gmm", "--data", data, "--k", str(components), *fit, "--max-iter", "0", "--output", init)
    return data, init


def gmm_case(out, covariance, rows, features, components):
    name = f"gmm-{covariance}-{rows}-{features}-{components}"
    data, init = mixture_data(out, name, rows, features, components, ("--covariance", covariance),
                              ("--covariance", covariance))
    ours_ms, bounds, _ = our_fit("gmm", data, init, os.path.join(out, name + "-model.json"))
    ref = json.loads(run(["/usr/bin/python3", os.path.join(HERE, "reference/sklearn_gmm.py"), data, init,
                          str(ITERATIONS)]))
    ref_ms = 1000 * statistics.median(ref["seconds_per_iteration"][1:])
    return {"case": name, "ours_ms": ours_ms, "reference_ms": ref_ms, "reference": ref["library"],
            "ratio": ref_ms / ours_ms, "lower_bound": bounds[-1], "reference_lower_bound": ref["lower_bound"],
            "lower_bound_relative_difference": abs(bounds[-1] - ref["lower_bound"]) / abs(ref["lower_bound"]),
            "data": data}


def hmm_case(out, sequences, length, states, features):
    name = f"hmm-diag-{sequences}x{length}-{states}-{features}"
    data, lengths = os.path.join(out, name + ".npy"), os.path.join(out, name + "-lengths.txt")
    init = os.path.join(out, name + "-init.json")
    aimass("gen", "hmm", "--sequences", str(sequences), "--length", str(length), "--states", str(states),
           "--features", str(features), "--seed", "7", "--output", data, "--lengths-output", lengths)
    aimass("fit", "hmm", "--data", data, "--lengths", lengths, "--states", str(states), "--emission", "gaussian",
           "--covariance", "diag", "--max-iter", "0", "--output", init)
    ours_ms, _, _ = our_fit("hmm", data, init, os.path.join(out, name + "-model.json"), ("--lengths", lengths))
    ref = json.loads(run(["/usr/bin/python3", os.path.join(HERE, "reference/pomegranate_hmm.py"), data, lengths,
                          init, str(ITERATIONS), "--jobs", "2"]))
    ref_ms = 1000 * ref["seconds_per_iteration"]
    return {"case": name, "ours_ms": ours_ms, "reference_ms": ref_ms, "reference": ref["library"] + " n_jobs=2",
            "ratio": ref_ms / ours_ms}


def peak_gflops():
    text = run(["dotnet", BENCH, "peak"])
    return float(re.search(r"peak, \d+ threads: ([\d.]+)", text).group(1))


def throughput_case(out, rows, features, components, peak, separation):
    """Full covariance at scale. With overlapping components (separation < 1) every row carries weight for every
    component, so no moment work is skipped and 4·N·K·D²/t is the kernel's real rate; with separated ones the
    backend skips rows whose responsibility is exactly zero, and the same formula overstates the work done."""
    name = f"gmm-full-{rows}-{features}-{components}-sep{separation}"
    data, init = mixture_data(out, name, rows, features, components, ("--separation", str(separation)))
    ours_ms, _, _ = our_fit("gmm", data, init, os.path.join(out, name + "-model.json"))
    gflops = 4.0 * rows * components * features * features / (ours_ms / 1000) / 1e9
    rss, size = peak_rss(data, init, out), os.path.getsize(data)
    os.remove(data)
    return {"case": name, "separation": separation, "ours_ms": ours_ms, "gflops": gflops, "peak_gflops": peak, "fraction_of_peak": gflops / peak,
            "dataset_bytes": size, "peak_rss_bytes": rss}


def split_case(out, rows, features, components, partitions):
    """Where an iteration's time goes at large K·D (full covariance): the E-step with the reduction of the
    partitions' statistics (estep_ms of the model's history) against the M-step (mstep_ms), and the one-off start,
    load and write outside the iterations."""
    name = f"gmm-full-{rows}-{features}-{components}-split"
    data, init = mixture_data(out, name, rows, features, components)
    model_path = os.path.join(out, name + "-model.json")
    started = time.perf_counter()
    aimass("fit", "gmm", "--data", data, "--init", init, "--max-iter", "3", "--tol", "0", "--device", "cpu",
           "--precision", "single", "--partitions", str(partitions), "--output", model_path)
    wall_ms = 1000 * (time.perf_counter() - started)
    with open(model_path) as f:
        history = json.load(f)["history"]
    os.remove(data)
    steady = history[1:]
    return {"case": name, "partitions": partitions, "wall_ms": wall_ms,
            "estep_ms": statistics.median(h["estep_ms"] for h in steady),
            "mstep_ms": statistics.median(h["mstep_ms"] for h in steady),
            "first_iteration_ms": history[0]["ms"],
            "outside_iterations_ms": wall_ms - sum(h["ms"] for h in history)}


def peak_rss(data, init, out):
    """Peak resident set of a whole fit from the memory-mapped .npy (GNU time's maximum RSS)."""
    result = subprocess.run(["/usr/bin/time", "-v", AIMASS, "fit", "gmm", "--data", data, "--init", init,
                             "--max-iter", "3", "--tol", "0", "--device", "cpu", "--output",
                             os.path.join(out, "rss-model.json")], capture_output=True, text=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(match.group(1)) * 1024 if match else None


def main():
    quick = "--quick" in sys.argv
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else os.path.join(ROOT, ".bench-out")
    os.makedirs(out, exist_ok=True)
    run(["dotnet", "build", os.path.join(ROOT, "src/Coordinator"), "-c", "Release"])
    run(["dotnet", "build", os.path.join(ROOT, "bench/AiMass.Bench"), "-c", "Release"])
    scale = 10 if quick else 1
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "iterations": ITERATIONS}
    results["gmm"] = [gmm_case(out, c, 200_000 // scale, 16, 16) for c in ("full", "diag")]
    peak = peak_gflops()
    results["throughput"] = [throughput_case(out, 1_000_000 // scale, 32, 32, peak, s) for s in (0.3, 3.0)]
    results["hmm"] = hmm_case(out, 100 // scale, 1000, 16, 8)
    results["split"] = split_case(out, 50_000 // scale, 128 // scale, 256 // scale, 4)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(table(results))


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def table(r):
    lines = [f"Machine: {r['machine']}; {r['iterations']} EM iterations from the same initial model, median per "
             "iteration (first excluded).", "",
             "| case | AiMass ms/iter | reference ms/iter | reference | speed-up | lower bound rel. diff |",
             "| --- | ---: | ---: | --- | ---: | ---: |"]
    for c in r["gmm"]:
        lines.append(f"| {c['case']} | {c['ours_ms']:.1f} | {c['reference_ms']:.1f} | {c['reference']} | "
                     f"{c['ratio']:.1f}× | {c['lower_bound_relative_difference']:.1e} |")
    h = r["hmm"]
    lines.append(f"| {h['case']} | {h['ours_ms']:.1f} | {h['reference_ms']:.1f} | {h['reference']} | "
                 f"{h['ratio']:.1f}× | — |")
    lines += ["", f"Measured fp32 FMA peak: {r['throughput'][0]['peak_gflops']:.1f} GFLOP/s.", "",
              "| case | ms/iter | effective GFLOP/s (4·N·K·D²/t) | % of peak | peak RSS | dataset |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for t in r["throughput"]:
        lines.append(f"| {t['case']} | {t['ours_ms']:.1f} | {t['gflops']:.1f} | {100 * t['fraction_of_peak']:.0f}% | "
                     f"{t['peak_rss_bytes'] / 2**20:.0f} MiB | {t['dataset_bytes'] / 2**20:.0f} MiB |")
    p = r["split"]
    lines += ["", "| case | E-step + reduction ms/iter | M-step ms/iter | first iteration ms | "
              "start, load, write ms |", "| --- | ---: | ---: | ---: | ---: |",
              f"| {p['case']} ({p['partitions']} partitions) | {p['estep_ms']:.0f} | {p['mstep_ms']:.0f} | "
              f"{p['first_iteration_ms']:.0f} | {p['outside_iterations_ms']:.0f} |"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
