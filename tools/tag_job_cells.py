"""Tag the test cells of the notebooks papermill runs as jobs (02_two_stage, 03_eval) with `skip-execution`.

papermill (through nbclient) skips cells with that tag; nbdev_test and JupyterLab run them. The rule is
`lung_xray.test_utils.job_cell_skips`; the docs check (nbs/96_docs.ipynb) fails while a tag is missing or stray.
Run from the repository root: python tools/tag_job_cells.py
"""
from pathlib import Path

from lung_xray.test_utils import JOB_NOTEBOOKS, tag_job_notebook

if __name__ == '__main__':
    for name in JOB_NOTEBOOKS:
        changed = tag_job_notebook(Path('nbs')/f'{name}.ipynb')
        print(f'{name}: {len(changed)} cells retagged')
