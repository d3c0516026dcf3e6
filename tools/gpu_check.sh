#!/usr/bin/env bash
# The GPU check, sized for a 10-minute lease: install the wheels carried in .whl/ (fastai, nbdev,
# kagglehub and friends are not on the device image; see the device tool's README for how to
# download them), then run `lung-xray-bench gpu` for two backbones at pod settings.
#   on the GPU machine:  bash tools/gpu_check.sh              -> $OUT/BENCHMARKS-gpu.md, $OUT/gpu_check.log
#   on a CPU:            bash tools/gpu_check.sh --dry-run    -> the same steps with a tiny model
# ARCHS=a,b,c picks other backbones.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-$(mktemp -d)}
if compgen -G ".whl/*.whl" > /dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site:$PWD${PYTHONPATH:+:$PYTHONPATH}
fi
python3 -c "import torch; print('torch', torch.__version__, 'CUDA', torch.cuda.is_available(), torch.cuda.get_device_name() if torch.cuda.is_available() else '')"
python3 -m lung_xray.bench gpu --archs "${ARCHS:-convnextv2_tiny,regnety_040}" --out "$out/BENCHMARKS-gpu.md" "$@" 2>&1 | tee "$out/gpu_check.log"
echo "written: $out/BENCHMARKS-gpu.md"
