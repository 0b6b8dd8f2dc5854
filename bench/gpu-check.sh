#!/usr/bin/env bash
# GPU check for the ILGPU E-step (run on a machine with an NVIDIA GPU; finishes in well under 6 minutes):
#   1. builds the kernel tests and the timing tool (Release), unless --no-build (outputs already built/carried);
#   2. runs the kernel tests on CUDA (AIMASS_GPU_TESTS=1): every covariance type against the float64 reference,
#      bit-identical repeats, chunked/streamed partitions;
#   3. times the full-covariance Gaussian-mixture E-step for N=10^7, D=32, K=64 (data generated on the fly):
#      ms per iteration and effective GFLOP/s = 4·N·K·D²/time (goal on an H200: ≤ 150 ms per iteration);
#   4. the same for a Gaussian HMM (pending: no ILGPU HMM kernel yet).
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
AIMASS_GPU_TESTS=1 timeout 240 dotnet test "$tests" \
  --filter "FullyQualifiedName~CudaGaussianMixtureKernelTests|FullyQualifiedName~DeviceSelectionTests" \
  --logger "console;verbosity=normal"
tests_status=$?

echo "== 2/3 Gaussian-mixture E-step, full covariance, N=10^7 D=32 K=64 (goal: <= 150 ms per iteration)"
timeout 150 dotnet "$check" gmm --device cuda --n 10000000 --d 32 --k 64 --covariance full --iterations 5 \
  || echo "gpu-check: the GMM timing failed or timed out (status $?)"
timeout 60 dotnet "$check" gmm --device cuda --n 10000000 --d 32 --k 64 --covariance diag --iterations 5 \
  || echo "gpu-check: the diagonal GMM timing failed or timed out (status $?)"

echo "== 3/3 Gaussian HMM E-step"
echo "HMM: PENDING - no ILGPU HMM kernel exists yet (extend this step when it does)."

exit "$tests_status"
