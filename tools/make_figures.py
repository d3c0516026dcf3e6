"""Make the figures that the docs pages show (nbs/images/*.png) from a real run on the phantom dataset.

The notebooks are committed without outputs, so a page that is better with a plot shows one of
these files instead. Every figure comes from one real smoke run made here, the same run that the
README's one-line demo makes (phantom data, timm's tiny test_resnet, both stages, evaluation with
Grad-CAM): nothing is drawn by hand, and the captions in the notebooks say it is the phantom.

    python tools/make_figures.py          # about a minute on 2 CPU cores (--only-leaks / --only-serve: one figure alone)

96_docs checks that every image a notebook references exists here and that every file here is
referenced; it also renders the notebooks to HTML and looks at them in headless Chromium.
"""
import contextlib, io, json, sys, tempfile
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

root = Path(__file__).resolve().parent.parent
images = root/'nbs'/'images'


def small_png(src, name):
    "Store a figure as a 256-colour PNG (a third of the size, no visible change for plots)"
    from PIL import Image
    Image.open(src).convert('RGB').quantize(256).save(images/name, optimize=True)
    print(f'  nbs/images/{name} ({(images/name).stat().st_size // 1024} KB)')


def save(fig, name):
    buf = io.BytesIO()
    fig.savefig(buf, format='png', dpi=80, bbox_inches='tight')
    plt.close(fig)
    small_png(buf, name)


def main():
    from lung_xray.data import plot_class_counts
    from lung_xray.loader import get_dls
    from lung_xray.train import TrainConfig, train
    from lung_xray.evaluate import evaluate_all
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        cfg = TrainConfig(smoke=True, out_dir=str(work/'runs'), data_path=str(work/'data'), wandb_mode='disabled')
        with contextlib.redirect_stdout(io.StringIO()):
            train(cfg)
            evaluate_all(work/'runs', detailed=True, n_boot=200)
        run, ev = work/'runs'/'test_resnet', work/'runs'/'test_resnet'/'eval'
        print('Figures from a smoke run on the phantom dataset:')
        report = json.loads((work/'data'/'audit'/'report.json').read_text())
        fig, ax = plt.subplots(figsize=(7, 3)); plot_class_counts(report, ax=ax); save(fig, 'data_class_counts.png')
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            dls = get_dls(work/'data', 128, bs=10, num_workers=0)          # larger than the smoke run's 64 px, to see the findings
        dls.show_batch(max_n=10, nrows=2, ncols=5, figsize=(10, 4.5)); save(plt.gcf(), 'data_batch.png')
        for src, name in [(run/'history.png', 'train_history.png'), (ev/'confusion_matrix.png', 'eval_confusion_matrix.png'),
                          (ev/'roc_curves.png', 'eval_roc_curves.png'), (ev/'reliability.png', 'eval_reliability.png'),
                          (ev/'gradcam.png', 'eval_gradcam.png')]:
            small_png(src, name)
        metrics = json.loads((ev/'metrics.json').read_text())
        print(f"(test accuracy of that run: {100 * metrics['test']['accuracy']:.1f}%)")


def leak_figure():
    "The audit's contact sheet of augmented copies across splits, on a phantom with six planted Keras-like copies"
    from lung_xray.data import audit, organize
    from lung_xray.phantom import make_phantom_dataset
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        src = make_phantom_dataset(work/'leaky', (20, 6, 6), broken=False, max_side=512, n_workers=2, copies=6)
        with contextlib.redirect_stdout(io.StringIO()): organize(src, work/'data'); audit(work/'data', n_workers=2, progress=False)
        print('The contact sheet of a phantom with six augmented copies:')
        small_png(work/'data'/'audit'/'augmented-copies.png', 'data_augmented_copies.png')


def serve_figure():
    "A screenshot of lung-xray-serve's page (headless Chromium) with a phantom test image classified by a smoke model"
    from lung_xray.evaluate import evaluate_all
    from lung_xray.predict import image_files
    from lung_xray.serve import ModelService, create_app, serve_in_thread
    from lung_xray.test_utils import browser_page, free_port, off_the_loop, smoke_runs
    with tempfile.TemporaryDirectory() as d:
        runs = Path(d)/'runs'
        smoke_runs(runs, ('test_resnet',))
        with contextlib.redirect_stdout(io.StringIO()): evaluate_all(runs, n_boot=200, progress=False)
        sample = next(p for p in image_files([runs/'smoke-data'/'test'/'Tuberculosis']) if 'aug' not in p.name)
        def shoot(url):
            with browser_page(1100, 700) as page:
                page.goto(url + '/')
                page.wait_for_function("document.getElementById('provenance').textContent.includes('test accuracy')")
                page.set_input_files('#file', str(sample))
                page.wait_for_function("document.getElementById('gradcam').complete && document.getElementById('gradcam').naturalWidth > 0")
                return page.screenshot(full_page=True)
        with serve_in_thread(create_app(ModelService(runs/'test_resnet'/'test_resnet-training_best_model.pth')), free_port()) as url:
            png = off_the_loop(shoot, url)
        print('The page of lung-xray-serve (smoke model, phantom image):')
        small_png(io.BytesIO(png), 'serve_page.png')


if __name__ == '__main__':
    only = sys.argv[1:]                                # --only-leaks / --only-serve: just that figure
    if not only: main()
    if not only or only == ['--only-leaks']: leak_figure()
    if not only or only == ['--only-serve']: serve_figure()
