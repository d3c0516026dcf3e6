"""The report of the GPU check: reads what `tools/gpu_check.sh` left in $OUT and its work folder, and writes the `gpu check`
section of $OUT/BENCHMARKS-gpu.md (each target beside its measurement). It lives beside the script it reports on; the tests
import it from here (nbs/90_bench.ipynb).
    python3 tools/gpu_report.py OUT WORK [ARCH]
"""
import json
import sys
import time
from pathlib import Path

import pandas as pd

from lung_xray.bench import device_info, write_section


def gpu_busy(dmon_log) -> dict:
    "Mean SM utilization (%) in an `nvidia-smi dmon -s u` log, over the window from the first to the last busy sample"
    lines = [l.split() for l in Path(dmon_log).read_text().splitlines() if l.strip()]
    header = next(([l[0][1:], *l[1:]] for l in lines if l[0] in ('#Time', '#gpu')), None)   # with or without `-o T`
    if header is None: return dict(samples=0, busy_pct=None)
    sm = header.index('sm')
    values = [float(l[sm]) if l[sm] != '-' else 0.0 for l in lines if not l[0].startswith('#') and len(l) == len(header)]
    busy = [i for i, v in enumerate(values) if v > 0]
    window = values[busy[0]:busy[-1] + 1] if busy else []
    return dict(samples=len(window), busy_pct=sum(window) / len(window) if window else None)

def _history_summary(run_dir) -> dict:
    h = pd.read_csv(Path(run_dir)/'history.csv')
    s1, s2 = h[h.stage == 1].seconds, h[h.stage == 2].seconds
    return dict(epochs=len(h), fit_s=float(h.seconds.sum()), stage1_epoch_s=float(s1.median()) if len(s1) else None,
                stage2_epoch_s=float(s2.median()) if len(s2) else None, best_accuracy=float(h.accuracy.max()))

def gpu_check_report(out, work, arch:str='convnextv2_tiny') -> str:
    "The `gpu check` section of `out/BENCHMARKS-gpu.md` from what `tools/gpu_check.sh` left in `out` and `work`; returns it"
    out, work = Path(out), Path(work)
    steps = [l.split('\t') for l in (out/'steps.tsv').read_text().splitlines()] if (out/'steps.tsv').exists() else []
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {device_info()}.", '', '| step | exit | seconds |', '|---|---:|---:|']
    lines += [f'| {name} | {rc} | {float(ms) / 1000:.1f} |' for name, rc, ms in steps]
    seconds = {name: float(ms) / 1000 for name, rc, ms in steps if rc == '0'}
    rows = []
    def row(what, value, goal=''): rows.append(f'| {what} | {value} | {goal} |')
    for loader, run in (('array', work/'runs'/arch/'seed42'), ('fastai', work/'runs-fastai'/arch/'seed42')):   # lung-xray-train's default seed
        if not (run/'history.csv').exists(): row(f'{loader} loader', 'no run (see the log)'); continue
        h = _history_summary(run)
        ratio = h['stage1_epoch_s'] / h['stage2_epoch_s'] if h['stage1_epoch_s'] and h['stage2_epoch_s'] else None
        row(f'{loader} loader: epochs, fit seconds (sum of epochs)', f"{h['epochs']}, {h['fit_s']:.1f}", '<= 60 s for the full recipe' if loader == 'array' else '')
        row(f'{loader} loader: stage-1 / stage-2 epoch (median s)', f"{h['stage1_epoch_s']:.2f} / {h['stage2_epoch_s']:.2f} = {ratio:.2f}" if ratio else 'n/a',
            '<= 0.5' if loader == 'array' else '')
        dmon = out/f'dmon-{loader}.log'
        if dmon.exists():
            b = gpu_busy(dmon)
            row(f'{loader} loader: GPU busy (mean SM %, {b["samples"]} samples from first to last busy second)',
                'n/a' if b['busy_pct'] is None else f"{b['busy_pct']:.0f}%", '>= 90%' if loader == 'array' else '')
    ceilings = {r['arch']: r for r in json.loads((out/'gpu-rows.json').read_text())} if (out/'gpu-rows.json').exists() else {}
    for metrics in sorted((work/'runs').glob('*/seed*/eval/metrics.json')):
        m = json.loads(metrics.read_text())
        forward = ceilings.get(m['arch'], {}).get('forward_ceiling_ips')
        share = f" = {100 * m['images_per_second'] / forward:.0f}% of the forward ceiling {forward:.0f}" if forward else ''
        row(f"lung-xray-eval {m['arch']}: test images/s", f"{m['images_per_second']:.0f}{share}", '>= 80% of the forward-only ceiling')
    if (out/'predict.jsonl').exists() and 'predict' in seconds:
        n = sum(1 for _ in open(out/'predict.jsonl'))
        row('lung-xray-predict on the test folder: files/s (whole command, model load included)', f"{n / seconds['predict']:.0f} ({n} files)")
    if 'train (array loader)' in seconds: row('lung-xray-train, whole command (data ready)', f"{seconds['train (array loader)']:.0f} s")
    lines += ['', '| measurement | value | target |', '|---|---|---|', *rows]
    section = '\n'.join(lines) + '\n'
    write_section(out/'BENCHMARKS-gpu.md', 'gpu check', section)
    return section


if __name__ == '__main__':
    print(gpu_check_report(*sys.argv[1:4]))
