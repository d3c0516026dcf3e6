#!/bin/bash
# A Ray cluster inside one SLURM allocation, then the sweep on it:  sbatch deploy/slurm.sh
# The project directory (data, runs, notebooks) must be on the cluster file system (every node sees $SLURM_SUBMIT_DIR).
#SBATCH --job-name=lung-xray-sweep
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --cpus-per-task=32
#SBATCH --time=24:00:00
set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
export RAY_USAGE_STATS_ENABLED=0
nodes=($(scontrol show hostnames "$SLURM_JOB_NODELIST"))
head=${nodes[0]}
port=6379
srun --nodes=1 --ntasks=1 -w "$head" ray start --head --port=$port --num-cpus="$SLURM_CPUS_PER_TASK" --num-gpus=8 --block &
sleep 20
for node in "${nodes[@]:1}"; do
  srun --nodes=1 --ntasks=1 -w "$node" ray start --address="$head:$port" --num-cpus="$SLURM_CPUS_PER_TASK" --num-gpus=8 --block &
done
sleep 20
lung-xray-sweep --engine ray --address "$head:$port" --archs all --seeds 0,1,2 --profile pod --runs-dir runs --quiet
status=$?
ray stop --force || true
exit $status
