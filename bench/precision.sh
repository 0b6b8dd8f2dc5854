#!/usr/bin/env bash
# --precision auto, single and double side by side (docs/PERFORMANCE.md, "Precision"): whole EM fits on the cpu
# device of N=200,000 rows, D=16, K=16 synthetic blobs (the same data and initial model for every fit), full and
# diag covariances, tol 1e-3 and 1e-7 (max_iter 1000). Each fit runs --runs times (default 3) and the fastest
# counts: the machine may be shared. Prints one line per precision: seconds, iterations (float32 + float64),
# E-steps, converged, final lower bound.
#   bench/precision.sh [--runs 3] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
build=1
while (($# > 0)); do
  case "$1" in
    --runs) runs="${2:?--runs needs a count}"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "precision.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
((build)) && dotnet build bench/AiMass.Bench -c Release -nologo -v q
bench="bench/AiMass.Bench/bin/Release/net10.0/AiMass.Bench.dll"
for covariance in full diag; do
  for tol in 1e-3 1e-7; do
    dotnet "$bench" precision --rows 200000 --features 16 --components 16 --covariance "$covariance" \
      --tol "$tol" --max-iter 1000 --runs "$runs"
  done
done
