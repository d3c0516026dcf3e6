#!/usr/bin/env bash
# The GPU check: one prepared script for a lent GPU machine (no network), under 8 minutes so that it
# fits a 15-minute lease with its start-up. Each step has its own timeout: a failure leaves the rest of
# the report. Writes $OUT/BENCHMARKS-gpu.md (the `gpu check` and `gpu` sections), gpu_check.log,
# steps.tsv and the nvidia-smi dmon logs, and prints the table last.
#   on the GPU machine:  bash tools/gpu_check.sh              (carry .whl: bash ../shared/tools/gpu-wheels.sh)
#   on a CPU:            bash tools/gpu_check.sh --dry-run    (the same steps, a tiny phantom, timm test models)
# ARCH=... picks the backbone of the full recipe (default convnextv2_tiny).
# The papermill step (the card's own command, on a short recipe) needs papermill and a Jupyter kernel, and the data step's
# audit (its copy search) needs faiss-cpu, which the GPU image lacks: fill .whl with them too,
# EXTRA_WHEELS="$(cat tools/papermill-wheels.txt)" bash ../shared/tools/gpu-wheels.sh
set -uo pipefail
cd "$(dirname "$0")/.."
dry=0; [ "${1:-}" = "--dry-run" ] && dry=1
unset IN_TEST                                      # a user's run even when the test suite starts it (the papermill job is no smoke run)
out=${OUT:-$(mktemp -d)}; mkdir -p "$out"
work=$(mktemp -d)
log=$out/gpu_check.log; steps=$out/steps.tsv
: > "$log"; : > "$steps"

if compgen -G ".whl/*.whl" > /dev/null; then       # fastai and friends are not on the GPU image
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl >> "$log" 2>&1
  export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}  # this checkout's library

# "${lx[@]}" MODULE:FUNCTION ARGS...: a command-line entry point, without relying on installed console scripts
lx=(python3 -c 'import importlib, sys; m, f = sys.argv[1].split(":"); sys.exit(getattr(importlib.import_module(m), f)(sys.argv[2:]))')

# step NAME SECONDS COMMAND...: run under a timeout, log everything, record the exit code and the time
step() {
  local name=$1 limit=$2; shift 2
  local t0; t0=$(date +%s%N)
  echo "== $name (limit ${limit}s): $*" >> "$log"
  timeout --kill-after=15 "$limit" "$@" >> "$log" 2>&1
  local rc=$?
  printf '%s\t%s\t%s\n' "$name" "$rc" "$(( ($(date +%s%N) - t0) / 1000000 ))" >> "$steps"
  echo "$name: exit $rc" >&2
}

# dmon NAME: sample GPU utilization once a second into $out/dmon-NAME.log until `undmon`
dmon() { if command -v nvidia-smi > /dev/null; then nvidia-smi dmon -s u -d 1 -o T > "$out/dmon-$1.log" 2>&1 & dmon_pid=$!; else dmon_pid=; fi; }
undmon() { [ -n "${dmon_pid:-}" ] && kill "$dmon_pid" 2> /dev/null; wait 2> /dev/null; }

if [ $dry = 1 ]; then
  arch=${ARCH:-test_convnext}; phantom=(--phantom-n 8 --phantom-max-side 128 --size 64)
  recipe=(--size 64 --bs 16 --stage1-epochs 1 --stage2-epochs 2 --precision bf16 --channels-last true --fused true)
  short=(--size 64 --bs 16 --stage1-epochs 1 --stage2-epochs 1); bench=(--dry-run)
  short_p=(-p size 64 -p bs 16 -p stage1_epochs 1 -p stage2_epochs 1)
else
  arch=${ARCH:-convnextv2_tiny}; phantom=(--phantom-n 1210 --phantom-max-side 320 --size 224)   # 6,050 / 1,515 / 1,515
  recipe=(); short=(--stage1-epochs 1 --stage2-epochs 1); bench=()
  short_p=(-p stage1_epochs 1 -p stage2_epochs 1)
fi
common=(--arch "$arch" --pretrained false --data-path "$work/data" --wandb-mode disabled)

step "environment" 60 python3 -c "import torch, fastai, timm; print('torch', torch.__version__, 'fastai', fastai.__version__, 'timm', timm.__version__, 'CUDA', torch.cuda.is_available(), torch.cuda.get_device_name() if torch.cuda.is_available() else '')"
step "data" 240 "${lx[@]}" lung_xray.data:main --source phantom --dest "$work/data" "${phantom[@]}" --quiet
dmon array
step "train (array loader)" 240 "${lx[@]}" lung_xray.train:main "${common[@]}" "${recipe[@]}" --out-dir "$work/runs"
undmon
dmon fastai
step "train (fastai loader)" 120 "${lx[@]}" lung_xray.train:main "${common[@]}" "${short[@]}" --loader fastai --out-dir "$work/runs-fastai"
undmon
step "papermill 02_two_stage (short recipe)" 240 python3 -m papermill nbs/02_two_stage.ipynb "$out/two_stage.ipynb" --cwd nbs --no-progress-bar \
  -p arch "$arch" -p pretrained False -p data_path "$work/data" -p out_dir "$work/runs-papermill" -p wandb_mode disabled "${short_p[@]}"
step "eval" 120 "${lx[@]}" lung_xray.evaluate:main --runs-dir "$work/runs" --model "$arch" --n-boot 200 --quiet
step "predict" 120 sh -c "python3 -m lung_xray.predict '$work/data/test' --model '$work/runs/$arch' --json > '$out/predict.jsonl'"
[ $dry = 0 ] && step "bench predict" 150 "${lx[@]}" lung_xray.bench:main predict --out "$out/BENCHMARKS-gpu.md"
step "bench gpu ceilings (all seven)" 180 "${lx[@]}" lung_xray.bench:main gpu --archs all --ceilings-only "${bench[@]}" --out "$out/BENCHMARKS-gpu.md"
python3 tools/gpu_report.py "$out" "$work" "$arch" 2>> "$log" | tee -a "$log"
echo "written: $out/BENCHMARKS-gpu.md (log: $out/gpu_check.log)"
rm -rf "$work"
