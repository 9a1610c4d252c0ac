"""The article's own Python, run as a peer through the same trial path.

thumbnails_1.py (a for loop) and thumbnails_2.py (ProcessPoolExecutor.map)
as Adam Geitgey described them, plus the same map on a ThreadPoolExecutor.
Two changes: thumbnails go into a temporary folder of the trial's own rather
than next to the photos, and nothing is printed per photo. python-stages
times each stage of the same thumbnail apart, as stages.ts does for sharp.
"""

import concurrent.futures
import functools
import io
import json
import math
import os
import resource
import shutil
import tempfile
import time

from PIL import Image

from trial import run_peer

MAX_SIDE = 128
# The long side of the photos behind the input named `photos` (photos.ts PHOTO.longSide); other sets are `photos_<px>`.
FLICKR_LONG_SIDE = 500


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


def photos_input(long_side):
    """The input holding the manifest of the photos at a long side, as photo-set.ts names it."""
    return "photos" if long_side == FLICKR_LONG_SIDE else f"photos_{long_side}"


def long_side_for(params, images):
    """The long side of the photos a cell of `images` photos works on, as sizes.ts decides it: the camera set's counts are its own."""
    if params.get("camera_images") is None:
        return FLICKR_LONG_SIDE
    camera = {int(params["camera_images"]), int(params.get("camera_stage_images", params["camera_images"]))}
    return int(params["camera_long_side"]) if images in camera else FLICKR_LONG_SIDE


def read_photos(trial):
    long_side = long_side_for(trial.params, int(trial.point["images"]))
    trial.metric("long_side", long_side)
    manifest = trial.inputs[photos_input(long_side)]
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


# ---- stage by stage (stages.ts PYTHON_STAGES) -----------------------------------------


def _resample_bicubic():
    return getattr(getattr(Image, "Resampling", Image), "BICUBIC")


def thumbnail_size(width, height):
    """Image.thumbnail's size for (MAX_SIDE, MAX_SIDE): fit inside, the rounding closest to the aspect ratio."""
    if width <= MAX_SIDE and height <= MAX_SIDE:
        return width, height
    aspect = width / height
    x, y = MAX_SIDE, MAX_SIDE

    def round_aspect(number, key):
        return max(min(math.floor(number), math.ceil(number), key=key), 1)

    if x / y >= aspect:
        x = round_aspect(y * aspect, key=lambda n: abs(aspect - n / y))
    else:
        y = round_aspect(x / aspect, key=lambda n: 0 if n == 0 else abs(aspect - x / n))
    return x, y


def drafted(data):
    """The photo opened and decoded as Image.thumbnail decodes it: draft() to twice the thumbnail, then load(). Returns (image, size, box)."""
    image = Image.open(io.BytesIO(data))
    size = thumbnail_size(*image.size)
    res = image.draft(None, (size[0] * 2.0, size[1] * 2.0))
    image.load()
    box = res[1] if res is not None else None
    return image, size, box


def stage_table(photos, out_dir, scratch_dir, long_side):
    bicubic = _resample_bicubic()

    def scratch(i):
        return os.path.join(scratch_dir, os.path.basename(photos[i]))

    def read(i, p):
        with open(photos[i], "rb") as f:
            f.read()

    def header(i, p):
        with Image.open(photos[i]) as im:
            im.size

    def decode(i, p):
        Image.open(io.BytesIO(p["bytes"])).load()

    def decode_draft(i, p):
        drafted(p["bytes"])

    def resize(i, p):
        p["drafted"].resize(p["size"], bicubic, box=p["box"], reducing_gap=2.0)

    def encode(i, p):
        p["thumb"].save(io.BytesIO(), "JPEG")

    def write(i, p):
        with open(scratch(i), "wb") as f:
            f.write(p["jpeg"])

    def whole(i, p):
        make_image_thumbnail(photos[i], out_dir)

    stages = {"read": read, "header": header, "decode": decode, "decode-draft": decode_draft, "resize": resize, "encode": encode, "write": write, "whole": whole}
    names = list(stages)

    def prepare(i):
        with open(photos[i], "rb") as f:
            data = f.read()
        image, size, box = drafted(data)
        thumb = image.resize(size, bicubic, box=box, reducing_gap=2.0)
        buffer = io.BytesIO()
        thumb.save(buffer, "JPEG")
        return {"bytes": data, "drafted": image, "size": size, "box": box, "thumb": thumb, "jpeg": buffer.getvalue()}

    def cpu_ms():
        r = resource.getrusage(resource.RUSAGE_SELF)
        return (r.ru_utime + r.ru_stime) * 1000

    totals = {n: [0.0, 0.0] for n in names}
    # A warm-up pass on the first photo, as stages.ts does.
    first = prepare(0)
    for n in names:
        stages[n](0, first)
    for i in range(len(photos)):
        p = prepare(i)
        for k in range(len(names)):
            n = names[(i + k) % len(names)]
            c0 = cpu_ms()
            t0 = time.perf_counter()
            stages[n](i, p)
            wall = (time.perf_counter() - t0) * 1000
            totals[n][0] += wall
            totals[n][1] += cpu_ms() - c0
    return [
        {"long_side": long_side, "runtime": "python", "stage": n, "photos": len(photos), "wall_ms": round(totals[n][0], 3), "cpu_ms": round(totals[n][1], 3)}
        for n in names
    ]


def stages_strategy(trial):
    def body(photos, out_dir):
        scratch_dir = tempfile.mkdtemp(prefix="thumbnails-stages-scratch-")
        try:
            rows = trial.work(lambda: stage_table(photos, out_dir, scratch_dir, long_side_for(trial.params, int(trial.point["images"]))))
            trial.table("stages", rows)
        finally:
            shutil.rmtree(scratch_dir, ignore_errors=True)
        return [os.path.join(out_dir, f"{os.path.splitext(os.path.basename(p))[0]}_thumbnail.jpg") for p in photos]

    with_job(trial, body)


if __name__ == "__main__":
    run_peer(
        {
            "python-serial": serial,
            "python-processes": pooled(concurrent.futures.ProcessPoolExecutor),
            "python-threads": pooled(concurrent.futures.ThreadPoolExecutor),
            "python-stages": stages_strategy,
        }
    )
