#!/bin/sh
# The pod image's entry point: data and runs under /workspace (the pod's volume), one line each saying which
# credentials are used (the environment first, then the usual files; never a key), then the command.
set -e
mkdir -p /workspace/data /workspace/runs
for name in data runs; do [ -e "/opt/lung_xray/$name" ] || ln -s "/workspace/$name" "/opt/lung_xray/$name"; done
python3 -m lung_xray.tracking --credentials || true
exec "$@"
