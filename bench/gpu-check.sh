#!/usr/bin/env bash
# GPU check for the ILGPU E-step (run on a machine with an NVIDIA GPU; finishes in well under 6 minutes —
# even if every step ran into its timeout, 345 s plus the build):
#   1. builds the kernel tests and the timing tool (Release), unless --no-build (outputs already built/carried);
#   2. runs the kernel tests on CUDA (AIMASS_GPU_TESTS=1): every mixture covariance type and every HMM emission
#      kind against the float64 references, bit-identical repeats, chunked/streamed partitions, HMM batches;
#   3. times the full-covariance Gaussian-mixture E-step for N=10^7, D=32, K=64 (data generated on the fly):
#      ms per iteration and effective GFLOP/s = 4·N·K·D²/time (goal on an H200: ≤ 150 ms per iteration);
#   4. times the Gaussian HMM E-step (diag, S=16, D=8, 10^4 sequences of 1,000 steps): ms per E-step.
# Without an NVIDIA GPU it prints a message and exits 0. Exit status: that of the kernel tests otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU found (nvidia-smi absent or failing); nothing to check."
  exit 0
fi
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader

if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build tests/AiMass.Kernels.Tests -c Release -nologo -v q || exit 1
  dotnet build bench/AiMass.GpuCheck -c Release -nologo -v q || exit 1
fi
check="bench/AiMass.GpuCheck/bin/Release/net10.0/AiMass.GpuCheck.dll"
tests="tests/AiMass.Kernels.Tests/bin/Release/net10.0/AiMass.Kernels.Tests.dll"

cuda=$(dotnet "$check" devices | awk '$1 == "cuda" { print $2 }')
if [[ "${cuda:-0}" == "0" ]]; then
  echo "gpu-check: nvidia-smi sees a GPU but ILGPU finds no CUDA device (driver library not loadable?); nothing to check."
  exit 0
fi

echo "== 1/3 kernel tests on CUDA"
filter="FullyQualifiedName~CudaGaussianMixtureKernelTests|FullyQualifiedName~CudaHmmKernelTests"
filter+="|FullyQualifiedName~DeviceSelectionTests"
AIMASS_GPU_TESTS=1 timeout 150 dotnet test "$tests" --filter "$filter" \
  --logger "console;verbosity=normal"
tests_status=$?

echo "== 2/3 Gaussian-mixture E-step, full covariance, N=10^7 D=32 K=64 (goal: <= 150 ms per iteration)"
timeout 90 dotnet "$check" gmm --device cuda --n 10000000 --d 32 --k 64 --covariance full --iterations 5 \
  || echo "gpu-check: the GMM timing failed or timed out (status $?)"
timeout 45 dotnet "$check" gmm --device cuda --n 10000000 --d 32 --k 64 --covariance diag --iterations 5 \
  || echo "gpu-check: the diagonal GMM timing failed or timed out (status $?)"

echo "== 3/3 Gaussian HMM E-step, diag, S=16 D=8, 10^4 sequences x 1,000 steps"
timeout 60 dotnet "$check" hmm --device cuda --sequences 10000 --length 1000 --d 8 --states 16 --covariance diag \
  --iterations 5 || echo "gpu-check: the HMM timing failed or timed out (status $?)"

exit "$tests_status"
