"""Write README.md from nbs/index.ipynb (nbdev_readme needs Quarto, which these machines cannot install).

Markdown cells are copied as they are (image paths made relative to the repository root); code cells become ```python blocks without their `#|`
directives; cells marked `#| hide` are left out. CI runs this and fails if README.md changes.
"""
from pathlib import Path
import nbformat

root = Path(__file__).resolve().parent.parent
nb = nbformat.read(root/'nbs'/'index.ipynb', as_version=4)
parts = []
for cell in nb.cells:
    lines = cell.source.splitlines()
    if cell.cell_type == 'markdown': parts.append(cell.source.strip().replace('](images/', '](nbs/images/'))  # paths from the repo root
    elif cell.cell_type == 'code':
        directives = [l for l in lines if l.startswith('#|')]
        if any(d.split()[1:2] == ['hide'] for d in directives): continue
        code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
        if code: parts.append(f'```python\n{code}\n```')
text = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(parts) + '\n'
(root/'README.md').write_text(text, encoding='utf-8')
