# The GPU pod's image: this project installed the README's way, as a non-root user, HOME=/workspace.
#   docker build -t lung-xray .                 (podman build -t lung-xray . works the same)
#   docker run --gpus all -p 8888:8888 -e KAGGLE_USERNAME -e KAGGLE_KEY -e WANDB_API_KEY -v $HOME:/workspace lung-xray
# Data and runs go to /workspace (the pod's volume); the notebooks are in /opt/lung_xray/nbs, the working directory,
# so the card's `papermill nbs/02_two_stage.ipynb /workspace/runs/out.ipynb -p arch convnextv2_base` runs as written.
# PyTorch comes from the package index: its Linux wheels bring their own CUDA libraries, so the host needs only its driver.
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

# The extras of the README's install command (tracking, the Ray cluster, serving, and dev: JupyterLab and nbdev).
ARG EXTRAS=dev,tracking,serve,cluster
# Empty: PyTorch from the package index (CUDA). A CPU-only image: --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cpu
ARG TORCH_INDEX=

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH HOME=/workspace \
    LUNG_XRAY_SKIP_BROWSER=1 RAY_USAGE_STATS_ENABLED=0

RUN python3 -m venv /opt/venv \
 && useradd --uid 1000 --user-group --no-create-home --home-dir /workspace --shell /bin/bash lung \
 && mkdir -p /workspace /opt/lung_xray/lung_xray \
 && chown -R lung:lung /workspace /opt/lung_xray /opt/venv
USER lung
WORKDIR /opt/lung_xray

# 1. PyTorch alone (the largest layer): rebuilt only when the torch requirement of settings.ini changes.
COPY --chown=lung:lung settings.ini setup.py ./
RUN python3 -c "import configparser, shlex; c = configparser.ConfigParser(delimiters=['=']); c.read('settings.ini'); \
print('\n'.join(r for r in shlex.split(c['DEFAULT']['requirements']) if r.startswith(('torch>', 'torch=', 'torchvision'))))" > /tmp/torch.txt \
 && pip install ${TORCH_INDEX:+--index-url $TORCH_INDEX} -r /tmp/torch.txt

# 2. Every other dependency, from settings.ini alone (an empty package and README stand in for the code): a code change keeps this layer.
RUN touch README.md lung_xray/__init__.py && pip install -e ".[${EXTRAS}]" && rm -rf lung_xray README.md

# 3. The project itself: notebooks, library, tools, deploy files (.dockerignore keeps data, runs, caches and credentials out).
COPY --chown=lung:lung . .
RUN pip install --no-deps -e ".[${EXTRAS}]" && chmod +x deploy/pod-entrypoint.sh

EXPOSE 8888
ENTRYPOINT ["/opt/lung_xray/deploy/pod-entrypoint.sh"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--ServerApp.root_dir=/"]
