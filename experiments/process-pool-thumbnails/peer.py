"""The article's own Python, run as a peer through the same trial path.

thumbnails_1.py (a for loop) and thumbnails_2.py (ProcessPoolExecutor.map)
as Adam Geitgey described them, plus the same map on a ThreadPoolExecutor.
Two changes: thumbnails go into a temporary folder of the trial's own rather
than next to the photos, and nothing is printed per photo.
"""

import concurrent.futures
import functools
import json
import os
import shutil
import tempfile

from PIL import Image

from trial import run_peer

MAX_SIDE = 128


def make_image_thumbnail(filename, out_dir):
    """One photo in, one `<name>_thumbnail.jpg` out (Pillow's thumbnail, then save at its default quality)."""
    stem, ext = os.path.splitext(os.path.basename(filename))
    thumbnail_file = os.path.join(out_dir, f"{stem}_thumbnail{ext}")
    image = Image.open(filename)
    image.thumbnail(size=(MAX_SIDE, MAX_SIDE))
    image.save(thumbnail_file, "JPEG")
    return thumbnail_file


def _noop(_):
    return None


def read_photos(trial):
    manifest = trial.inputs["photos"]
    with open(manifest) as f:
        photos = json.load(f)["photos"]
    count = int(trial.point["images"])
    if len(photos) < count:
        raise RuntimeError(f"{manifest} lists {len(photos)} photos, the trial needs {count}: run prepare with a larger 'images'")
    folder = os.path.dirname(manifest)
    return [os.path.join(folder, p["name"]) for p in photos[:count]]


def check_thumbnails(out_dir, photos):
    """Same check as outputs.ts: one decodable thumbnail per photo, 128 on its longest side."""
    expected = {f"{os.path.splitext(os.path.basename(p))[0]}_thumbnail.jpg" for p in photos}
    found = sorted(os.listdir(out_dir))
    problems = []
    if set(found) != expected:
        problems.append(f"{len(expected - set(found))} missing, {len(set(found) - expected)} unexpected")
    lines = []
    for name in found:
        if name not in expected:
            continue
        with Image.open(os.path.join(out_dir, name)) as im:
            im.load()
            if max(im.size) != MAX_SIDE:
                problems.append(f"{name} is {im.size[0]}x{im.size[1]}")
            lines.append(f"{name} {im.size[0]}x{im.size[1]}\n")
    if problems:
        raise RuntimeError(f"thumbnails in {out_dir} are wrong: {'; '.join(problems[:5])}")
    return "".join(lines), len(lines)


def with_job(trial, body):
    photos = read_photos(trial)
    out_dir = tempfile.mkdtemp(prefix=f"thumbnails-{trial.strategy}-")
    try:
        returned = body(photos, out_dir)
        expected = [os.path.join(out_dir, f"{os.path.splitext(os.path.basename(p))[0]}_thumbnail.jpg") for p in photos]
        trial.metric("order_kept", 1 if returned == expected else 0)
        canonical, count = check_thumbnails(out_dir, photos)
        trial.metric("thumbnails", count)
        trial.digest(canonical)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def probe_unpicklable(executor, out_dir):
    """T5: a lambda cannot be pickled, so a process pool refuses it; 1 when refused."""
    try:
        executor.submit(make_image_thumbnail, lambda: None, out_dir).result()
        return 0
    except Exception as error:  # PicklingError, or AttributeError "Can't pickle local object"
        return 1 if "pickle" in f"{type(error).__name__} {error}".lower() else 0


def serial(trial):
    def body(photos, out_dir):
        def work():
            out = []
            for image_file in photos:
                out.append(make_image_thumbnail(image_file, out_dir))
            return out

        return trial.work(work)

    with_job(trial, body)


def pooled(executor_class):
    def strategy(trial):
        workers = int(trial.point["workers"])
        batch = int(trial.point["batch"])

        def body(photos, out_dir):
            def start():
                executor = executor_class(max_workers=workers)
                # Start every worker now, so the timed map does not pay for it.
                list(executor.map(_noop, range(workers)))
                return executor

            executor = trial.startup(start)
            try:
                task = functools.partial(make_image_thumbnail, out_dir=out_dir)
                out = trial.work(lambda: list(executor.map(task, photos, chunksize=batch)))
                trial.metric("tasks", -(-len(photos) // batch))
                if executor_class is concurrent.futures.ProcessPoolExecutor:
                    trial.metric("unclonable_rejected", probe_unpicklable(executor, out_dir))
                return out
            finally:
                executor.shutdown(wait=True)

        with_job(trial, body)

    return strategy


if __name__ == "__main__":
    run_peer(
        {
            "python-serial": serial,
            "python-processes": pooled(concurrent.futures.ProcessPoolExecutor),
            "python-threads": pooled(concurrent.futures.ThreadPoolExecutor),
        }
    )
