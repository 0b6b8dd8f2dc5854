#!/usr/bin/python3
"""1e8 rows on one node: generates N rows × D float32 features as a .npy (aimass gen writes it streaming), fits a
K-component full-covariance mixture from it (memory-mapped, streamed tile by tile), and reports the time per
iteration, the peak resident set and the disk's read rate. Deletes the data at the end unless --keep.

Usage: /usr/bin/python3 bench/big_data.py [--rows 100000000] [--features 16] [--components 16] [--iterations 3]
                                          [--dir /tmp] [--keep] [--cache-mb MB ...]
  --cache-mb  extra runs with --cpu-cache-mb MB and --partitions 8 (each partition 1/8 of the data: the budget
              keeps whole partitions resident, the rest stream).
Needs GNU time (/usr/bin/time). Checks the free disk space first and refuses when the file would not fit with 1 GiB
to spare. The first timed iteration after the page cache was dropped reads the file from disk; the later ones
read it from the page cache when the machine's memory holds it (the script says which).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AIMASS = os.path.join(ROOT, "src/Coordinator/bin/Release/net10.0/aimass")


def option(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def timed(args):
    """Runs ARGS under GNU time; returns (wall s, peak RSS bytes, bytes read from the block device, stdout)."""
    result = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-3000:]}")
    field = lambda name: int(re.search(name + r": (\d+)", result.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", result.stderr).group(1)
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall.split(":"))))
    return seconds, field(r"Maximum resident set size \(kbytes\)") * 1024, field("File system inputs") * 512, \
        result.stdout


def drop_from_page_cache(path):
    """Asks the kernel to forget this file's cached pages (posix_fadvise DONTNEED; other files are not touched)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def read_rate(path, limit=2 << 30):
    """Sequential read rate of the disk (MB/s) over the first LIMIT bytes of PATH, cache dropped before."""
    drop_from_page_cache(path)
    started, total = time.perf_counter(), 0
    with open(path, "rb", buffering=0) as f:
        while total < limit:
            chunk = f.read(16 << 20)
            if not chunk:
                break
            total += len(chunk)
    rate = total / (time.perf_counter() - started) / 1e6
    drop_from_page_cache(path)
    return rate


def fit(data, init, out, iterations, extra=()):
    model = os.path.join(out, "big-model.json")
    wall, rss, read, _ = timed([AIMASS, "fit", "gmm", "--data", data, "--init", init, "--max-iter", str(iterations),
                                "--tol", "0", "--device", "cpu", "--output", model, *extra])
    with open(model) as f:
        history = [h["ms"] for h in json.load(f)["history"]]
    return {"extra": list(extra), "wall_s": wall, "peak_rss_bytes": rss, "bytes_read_from_disk": read,
            "iteration_ms": history, "median_iteration_ms": statistics.median(history),
            "load_average": os.getloadavg()}


def main():
    rows, d, k = option("--rows", 100_000_000), option("--features", 16), option("--components", 16)
    iterations, out = option("--iterations", 3), option("--dir", "/tmp")
    data, init = os.path.join(out, f"big-{rows}-{d}.npy"), os.path.join(out, "big-init.json")
    size = 128 + rows * d * 4
    free = shutil.disk_usage(out).free
    if free < size + (1 << 30):
        sys.exit(f"{out} has {free / 1e9:.1f} GB free; the data needs {size / 1e9:.1f} GB and 1 GiB to spare")
    run = subprocess.run(["dotnet", "build", os.path.join(ROOT, "src/Coordinator"), "-c", "Release"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stdout[-3000:])
    results = {"rows": rows, "features": d, "components": k, "data_bytes": size,
               "memory_total_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
               "load_average_at_start": os.getloadavg()}
    try:
        wall, rss, _, _ = timed([AIMASS, "gen", "gmm", "--rows", str(rows), "--features", str(d), "--components",
                                 str(k), "--seed", "7", "--dtype", "float32", "--output", data])
        results["gen"] = {"wall_s": wall, "peak_rss_bytes": rss}
        wall, rss, _, _ = timed([AIMASS, "fit", "gmm", "--data", data, "--k", str(k), "--max-iter", "0",
                                 "--output", init])
        results["init"] = {"wall_s": wall, "peak_rss_bytes": rss}
        results["disk_read_mb_s"] = read_rate(data)
        results["fits"] = [fit(data, init, out, iterations)]  # cache dropped: the first pass reads the disk
        for mb in (int(v) for i, v in enumerate(sys.argv) if sys.argv[i - 1] == "--cache-mb"):
            results["fits"].append(fit(data, init, out, iterations, ("--partitions", "8", "--cpu-cache-mb", str(mb))))
    finally:
        if "--keep" not in sys.argv and os.path.exists(data):
            os.remove(data)
    with open(os.path.join(out, "big-results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(table(results))


def table(r):
    lines = [f"N={r['rows']:,} rows × D={r['features']} float32 ({r['data_bytes'] / 1e9:.1f} GB), K={r['components']} "
             f"full; machine memory {r['memory_total_bytes'] / 2**30:.0f} GiB; load average at start "
             f"{r['load_average_at_start'][0]:.1f}.", "",
             f"gen: {r['gen']['wall_s']:.0f} s, peak RSS {r['gen']['peak_rss_bytes'] / 2**20:.0f} MiB; initial model "
             f"(k-means++ on a 50,000-row sample, one pass for the log-likelihood): {r['init']['wall_s']:.0f} s, "
             f"peak RSS {r['init']['peak_rss_bytes'] / 2**20:.0f} MiB; disk read rate (page cache dropped, 2 GiB "
             f"sequential): {r['disk_read_mb_s']:.0f} MB/s.", "",
             "| run | ms per iteration (each) | peak RSS | read from disk | load average |",
             "| --- | --- | ---: | ---: | ---: |"]
    for f in r["fits"]:
        name = " ".join(f["extra"]) or "defaults (1 partition)"
        lines.append(f"| {name} | {', '.join(f'{ms:.0f}' for ms in f['iteration_ms'])} | "
                     f"{f['peak_rss_bytes'] / 2**20:.0f} MiB | {f['bytes_read_from_disk'] / 1e9:.1f} GB | "
                     f"{f['load_average'][0]:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
