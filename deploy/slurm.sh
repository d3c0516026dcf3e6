#!/bin/bash
# A Ray cluster inside one SLURM allocation, then the sweep on it:  sbatch deploy/slurm.sh
# The project directory (data, runs, notebooks) must be on the cluster file system (every node sees $SLURM_SUBMIT_DIR).
# Every command runs in the pod image (the Dockerfile's, pushed to a registry the nodes reach; README: "On a GPU pod")
# through Apptainer, the submit directory mounted as /workspace:  IMAGE=ghcr.io/you/lung-xray:latest sbatch deploy/slurm.sh
# IMAGE=none runs them with the project installed on the nodes instead (pip install -e ".[cluster]").
#SBATCH --job-name=lung-xray-sweep
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --cpus-per-task=32
#SBATCH --time=24:00:00
set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
export RAY_USAGE_STATS_ENABLED=0
IMAGE=${IMAGE:-ghcr.io/lung-xray/lung-xray:latest}
run() {   # a command in the image (GPUs passed through, the submit directory as /workspace), or on the node itself
  if [ "$IMAGE" = none ]; then "$@"
  else apptainer exec --nv --cleanenv --env HOME=/workspace --bind "$SLURM_SUBMIT_DIR:/workspace" --pwd /workspace "docker://$IMAGE" "$@"; fi
}
nbs=$([ "$IMAGE" = none ] && echo nbs || echo /opt/lung_xray/nbs)
nodes=($(scontrol show hostnames "$SLURM_JOB_NODELIST"))
head=${nodes[0]}
port=6379
srun --nodes=1 --ntasks=1 -w "$head" bash -c "$(declare -f run); IMAGE=$IMAGE SLURM_SUBMIT_DIR=$SLURM_SUBMIT_DIR run ray start --head --port=$port --num-cpus=$SLURM_CPUS_PER_TASK --num-gpus=8 --block" &
sleep 20
for node in "${nodes[@]:1}"; do
  srun --nodes=1 --ntasks=1 -w "$node" bash -c "$(declare -f run); IMAGE=$IMAGE SLURM_SUBMIT_DIR=$SLURM_SUBMIT_DIR run ray start --address=$head:$port --num-cpus=$SLURM_CPUS_PER_TASK --num-gpus=8 --block" &
done
sleep 20
status=0
run lung-xray-sweep --engine ray --address "$head:$port" --archs all --seeds 0,1,2 --profile pod --runs-dir runs --nbs "$nbs" --quiet || status=$?
run ray stop --force || true
exit $status
