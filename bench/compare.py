#!/usr/bin/python3
"""Side-by-side benchmark: AiMass against scikit-learn (GMM) and pomegranate (HMM), same machine, same run, same
initial model. Writes the table (markdown) to stdout and the raw numbers to OUT/results.json.

Usage: /usr/bin/python3 bench/compare.py [--out DIR] [--quick] [--repeats R]
  --quick    small sizes, to check the script itself (the numbers mean nothing).
  --repeats  R runs of every timed case (default 5), alternating ours and the reference; the table gives the
             minimum and the median over the runs, so one noisy run cannot make a headline.
  --cases    a comma-separated subset of gmm,hmm,throughput,split,large (default: all); the table shows those.
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


def gmm_case(out, covariance, rows, features, components, repeats):
    name = f"gmm-{covariance}-{rows}-{features}-{components}"
    data, init = mixture_data(out, name, rows, features, components, ("--covariance", covariance),
                              ("--covariance", covariance))
    ours, refs, loads = [], [], []
    for _ in range(repeats):
        loads.append(os.getloadavg()[0])
        ours_ms, bounds, _ = our_fit("gmm", data, init, os.path.join(out, name + "-model.json"))
        ref = json.loads(run(["/usr/bin/python3", os.path.join(HERE, "reference/sklearn_gmm.py"), data, init,
                              str(ITERATIONS)]))
        ours.append(ours_ms)
        refs.append(1000 * statistics.median(ref["seconds_per_iteration"][1:]))
    return {"case": name, **spread("ours_ms", ours), **spread("reference_ms", refs), "reference": ref["library"],
            "ratio": statistics.median(refs) / statistics.median(ours), "ratio_of_minima": min(refs) / min(ours),
            "lower_bound": bounds[-1], "reference_lower_bound": ref["lower_bound"],
            "lower_bound_relative_difference": abs(bounds[-1] - ref["lower_bound"]) / abs(ref["lower_bound"]),
            "load_average": loads, "data": data}


def spread(key, values):
    """KEY: the median of VALUES, KEY_min: their minimum, KEY_runs: all of them."""
    return {key: statistics.median(values), key + "_min": min(values), key + "_runs": values}


def hmm_case(out, sequences, length, states, features, repeats):
    name = f"hmm-diag-{sequences}x{length}-{states}-{features}"
    data, lengths = os.path.join(out, name + ".npy"), os.path.join(out, name + "-lengths.txt")
    init = os.path.join(out, name + "-init.json")
    aimass("gen", "hmm", "--sequences", str(sequences), "--length", str(length), "--states", str(states),
           "--features", str(features), "--seed", "7", "--output", data, "--lengths-output", lengths)
    aimass("fit", "hmm", "--data", data, "--lengths", lengths, "--states", str(states), "--emission", "gaussian",
           "--covariance", "diag", "--max-iter", "0", "--output", init)
    ours, refs = [], []
    for _ in range(repeats):
        ours_ms, _, _ = our_fit("hmm", data, init, os.path.join(out, name + "-model.json"), ("--lengths", lengths))
        ref = json.loads(run(["/usr/bin/python3", os.path.join(HERE, "reference/pomegranate_hmm.py"), data,
                              lengths, init, str(ITERATIONS), "--jobs", "2"]))
        ours.append(ours_ms)
        refs.append(1000 * ref["seconds_per_iteration"])
    return {"case": name, **spread("ours_ms", ours), **spread("reference_ms", refs),
            "reference": ref["library"] + " n_jobs=2", "ratio": statistics.median(refs) / statistics.median(ours),
            "ratio_of_minima": min(refs) / min(ours)}


def issued_fmas(d, width):
    """FMAs the full-covariance kernels issue per row and component (float32, WIDTH lanes), counted from the code:
    the triangular norm takes rows i < min(D, j0 + 8) of each 8-column block of U, plus one FMA per column of the
    8-padded height H for the squared norm; the second moment, 8-row groups times the registers of columns up to
    the group's last row; the centring, one per feature. Rows whose responsibility is exactly 0 skip the second
    moment, so this is an upper bound of what a separated fit issues."""
    h = (d + 7) // 8 * 8
    norm = sum(min(d, j0 + 8) * 8 for j0 in range(0, h, 8)) + h
    moment = sum(min(8, d - i0) * ((i0 + min(8, d - i0) - 1) // width + 1) * width for i0 in range(0, d, 8))
    return norm + moment + d


def peak_gflops():
    text = run(["dotnet", BENCH, "peak"])
    return float(re.search(r"peak, \d+ threads: ([\d.]+)", text).group(1))


def throughput_case(out, rows, features, components, peak, separation, width):
    """Full covariance at scale. With overlapping components (separation < 1) every row carries weight for every
    component, so no moment work is skipped and 4·N·K·D²/t is the kernel's real rate; with separated ones the
    backend skips rows whose responsibility is exactly zero, and the same formula overstates the work done."""
    name = f"gmm-full-{rows}-{features}-{components}-sep{separation}"
    data, init = mixture_data(out, name, rows, features, components, ("--separation", str(separation)))
    ours_ms, _, _ = our_fit("gmm", data, init, os.path.join(out, name + "-model.json"))
    gflops = 4.0 * rows * components * features * features / (ours_ms / 1000) / 1e9
    issued = 2.0 * rows * components * issued_fmas(features, width) / (ours_ms / 1000) / 1e9
    rss, size = peak_rss(data, init, out), os.path.getsize(data)
    os.remove(data)
    return {"case": name, "separation": separation, "ours_ms": ours_ms, "gflops": gflops, "peak_gflops": peak,
            "fraction_of_peak": gflops / peak, "issued_gflops": issued, "issued_fraction_of_peak": issued / peak,
            "dataset_bytes": size, "peak_rss_bytes": rss}


def split_case(out, rows, features, components, partitions, repeats):
    """Where an iteration's time goes at large K·D (full covariance): the E-step with the reduction of the
    partitions' statistics (estep_ms of the model's history) against the M-step (mstep_ms), and the one-off start,
    load and write outside the iterations; then `aimass score` of 3,000 rows under the fitted model (wall time of
    the whole process)."""
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
    score_data = os.path.join(out, name + "-score.npy")
    aimass("gen", "gmm", "--rows", "3000", "--features", str(features), "--components", "8", "--seed", "3",
           "--output", score_data)
    scores = []
    for _ in range(repeats):
        started = time.perf_counter()
        aimass("score", "--model", model_path, "--data", score_data)
        scores.append(1000 * (time.perf_counter() - started))
    return {"case": name, "partitions": partitions, "wall_ms": wall_ms,
            "estep_ms": statistics.median(h["estep_ms"] for h in steady),
            "mstep_ms": statistics.median(h["mstep_ms"] for h in steady),
            "first_iteration_ms": history[0]["ms"],
            "outside_iterations_ms": wall_ms - sum(h["ms"] for h in history),
            "model_bytes": os.path.getsize(model_path), **spread("score_3000_rows_ms", scores)}


def large_model_case(components, features, repeats):
    """The M-step alone and a model file's save and load at K·D (AiMass.Bench mstep and modelio)."""
    mstep = run(["dotnet", BENCH, "mstep", "--components", str(components), "--features", str(features),
                 "--repeats", str(max(repeats, 5))])
    io = run(["dotnet", BENCH, "modelio", "--components", str(components), "--features", str(features),
              "--repeats", str(repeats)])
    number = lambda pattern, text: float(re.search(pattern, text).group(1))
    return {"components": components, "features": features, "mstep_text": mstep.strip(), "modelio_text": io.strip(),
            "mstep_min_ms": number(r"M-step min ([\d.]+) ms", mstep),
            "mstep_ms": number(r"M-step min [\d.]+ ms, median ([\d.]+) ms", mstep),
            "save_min_ms": number(r"save min ([\d.]+) ms", io),
            "save_ms": number(r"save min [\d.]+ ms median ([\d.]+)", io),
            "load_min_ms": number(r"load min ([\d.]+) ms", io),
            "load_ms": number(r"load min [\d.]+ ms median ([\d.]+)", io),
            "model_mb": number(r"file: ([\d.]+) MB JSON", io)}


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
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else (2 if quick else 5)
    os.makedirs(out, exist_ok=True)
    run(["dotnet", "build", os.path.join(ROOT, "src/Coordinator"), "-c", "Release"])
    run(["dotnet", "build", os.path.join(ROOT, "bench/AiMass.Bench"), "-c", "Release"])
    scale = 10 if quick else 1
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "iterations": ITERATIONS,
               "repeats": repeats, "load_average_at_start": os.getloadavg()}
    cases = sys.argv[sys.argv.index("--cases") + 1].split(",") if "--cases" in sys.argv else \
        ["gmm", "hmm", "throughput", "split", "large"]
    if "gmm" in cases:
        results["gmm"] = [gmm_case(out, c, 200_000 // scale, 16, 16, repeats) for c in ("full", "diag", "spherical")]
    if "throughput" in cases:
        peak = peak_gflops()
        width = 16 if "avx512" in open("/proc/cpuinfo").read() else 8
        results["throughput"] = [throughput_case(out, 1_000_000 // scale, 32, 32, peak, s, width) for s in (0.3, 3.0)]
    if "hmm" in cases:
        results["hmm"] = hmm_case(out, 100 // scale, 1000, 16, 8, repeats)
    if "split" in cases:
        results["split"] = split_case(out, 50_000 // scale, 128 // scale, 256 // scale, 4, repeats)
    if "large" in cases:
        results["large_model"] = large_model_case(256 // scale, 128 // scale, repeats)
    results["load_average_at_end"] = os.getloadavg()
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(table(results))


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def table(r):
    load = r["load_average_at_start"]
    lines = [f"Machine: {r['machine']}; {r['iterations']} EM iterations from the same initial model, median per "
             f"iteration (first excluded); {r['repeats']} runs of each, alternating; minimum and median over the "
             f"runs. Load average (1, 5, 15 min) at the start: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}.", "",
             "| case | AiMass ms/iter min / median | reference ms/iter min / median | reference | "
             "speed-up (medians) | speed-up (minima) | lower bound rel. diff |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for c in r.get("gmm", []):
        lines.append(f"| {c['case']} | {c['ours_ms_min']:.1f} / {c['ours_ms']:.1f} | "
                     f"{c['reference_ms_min']:.1f} / {c['reference_ms']:.1f} | {c['reference']} | "
                     f"{c['ratio']:.1f}× | {c['ratio_of_minima']:.1f}× | "
                     f"{c['lower_bound_relative_difference']:.1e} |")
    if "hmm" in r:
        h = r["hmm"]
        lines.append(f"| {h['case']} | {h['ours_ms_min']:.1f} / {h['ours_ms']:.1f} | "
                     f"{h['reference_ms_min']:.1f} / {h['reference_ms']:.1f} | {h['reference']} | "
                     f"{h['ratio']:.1f}× | {h['ratio_of_minima']:.1f}× | — |")
    if "throughput" in r:
        lines += ["", f"Measured fp32 FMA peak: {r['throughput'][0]['peak_gflops']:.1f} GFLOP/s.", "",
                  "| case | ms/iter | dense-equivalent GFLOP/s (4·N·K·D²/t) | % of peak | issued GFLOP/s | "
                  "% of peak | peak RSS | dataset |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for t in r["throughput"]:
            lines.append(f"| {t['case']} | {t['ours_ms']:.1f} | {t['gflops']:.1f} | "
                         f"{100 * t['fraction_of_peak']:.0f}% | {t['issued_gflops']:.1f} | "
                         f"{100 * t['issued_fraction_of_peak']:.0f}% | {t['peak_rss_bytes'] / 2**20:.0f} MiB | "
                         f"{t['dataset_bytes'] / 2**20:.0f} MiB |")
    if "split" in r:
        p = r["split"]
        lines += ["", "| case | E-step + reduction ms/iter | M-step ms/iter | first iteration ms | "
                  "start, load, write ms | model file | score 3,000 rows ms min / median |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                  f"| {p['case']} ({p['partitions']} partitions) | {p['estep_ms']:.0f} | {p['mstep_ms']:.0f} | "
                  f"{p['first_iteration_ms']:.0f} | {p['outside_iterations_ms']:.0f} | "
                  f"{p['model_bytes'] / 1e6:.0f} MB | {p['score_3000_rows_ms_min']:.0f} / "
                  f"{p['score_3000_rows_ms']:.0f} |"]
    if "large_model" in r:
        m = r["large_model"]
        lines += ["", f"K={m['components']}, D={m['features']} full: M-step alone {m['mstep_min_ms']:.0f} / "
                  f"{m['mstep_ms']:.0f} ms (min / median); model file ({m['model_mb']:.0f} MB) save "
                  f"{m['save_min_ms']:.0f} / {m['save_ms']:.0f} ms, load with the precision factors "
                  f"{m['load_min_ms']:.0f} / {m['load_ms']:.0f} ms."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
