"""geopandas + matplotlib peer: what an analyst's notebook does to draw a week or a replay.

Runs in the venv's python (`make bench-peers` installs geopandas and matplotlib there), as its
own process so matplotlib's import and memory never touch Frontline's figures. Reads one JSON
job from argv[1] and prints one JSON line of timings (seconds):

  paint  {"mode": "paint", "file", "bbox", "width", "height", "runs", "fill", "fill_alpha",
          "out": optional .npy of the last image (RGB)}      draw only: plot + Agg draw, per run
  png    {"mode": "png", "file", "bbox", "width", "height", "out": PNG}   one process, start to
          exit (read, reproject, draw, save), stages timed from the process start
  replay {"mode": "replay", "files": [...], "bbox", "width", "height", "fps", "out": MP4}
          FuncAnimation with matplotlib's FFMpegWriter (imageio-ffmpeg's binary); data loaded
          and reprojected before the clock starts, as in the Frontline and bare figures
"""
import json
import sys
import time

T0 = time.perf_counter()

import matplotlib  # noqa: E402

matplotlib.use("Agg")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

DPI = 100


def read(path: str):
    import geopandas
    gdf = geopandas.read_file(path)  # pyogrio engine; .gz through GDAL's /vsigzip/ by name
    gdf = gdf[gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    return gdf.to_crs(3857)


def gdal_path(path: str) -> str:
    return "/vsigzip/" + path if path.endswith(".gz") else path


def figure(job):
    fig = Figure(figsize=(job["width"] / DPI, job["height"] / DPI), dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    x0, y0, x1, y1 = job["bbox"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_autoscale_on(False)
    return fig, canvas, ax


def style(job):
    colour = job.get("fill", "#a52714")
    # 1 px outline: 0.72 pt at 100 dpi.
    return dict(facecolor=to_rgba(colour, job.get("fill_alpha", 0.35)), edgecolor=colour, linewidth=0.72,
                antialiased=True)


def paint(job) -> dict:
    import numpy as np
    gdf = read(gdal_path(job["file"]))
    times = []
    buf = None
    for _ in range(job.get("runs", 5) + 1):  # the first run warms matplotlib's caches, untimed
        t0 = time.perf_counter()
        fig, canvas, ax = figure(job)
        gdf.plot(ax=ax, **style(job))
        ax.set_xlim(job["bbox"][0], job["bbox"][2])
        ax.set_ylim(job["bbox"][1], job["bbox"][3])
        canvas.draw()
        buf = canvas.buffer_rgba()
        times.append(time.perf_counter() - t0)
    if job.get("out"):
        np.save(job["out"], np.asarray(buf)[:, :, :3].copy())
    return {"total": times[1:]}


def png(job) -> dict:
    t_imported = time.perf_counter()
    gdf = read(gdal_path(job["file"]))
    t_read = time.perf_counter()
    fig, canvas, ax = figure(job)
    gdf.plot(ax=ax, **style(job))
    ax.set_xlim(job["bbox"][0], job["bbox"][2])
    ax.set_ylim(job["bbox"][1], job["bbox"][3])
    canvas.draw()
    t_drawn = time.perf_counter()
    fig.savefig(job["out"], dpi=DPI)
    t_saved = time.perf_counter()
    return {"import": t_imported - T0, "read": t_read - t_imported, "render": t_drawn - t_read,
            "save": t_saved - t_drawn, "in_process": t_saved - T0}


def replay(job) -> dict:
    import imageio_ffmpeg
    from matplotlib import animation
    frames = [read(gdal_path(f)) for f in job["files"]]
    matplotlib.rcParams["animation.ffmpeg_path"] = imageio_ffmpeg.get_ffmpeg_exe()
    t0 = time.perf_counter()
    fig, canvas, ax = figure(job)
    st = style(job)
    state = {"coll": None}

    def update(i):
        if state["coll"] is not None:
            state["coll"].remove()
        n = len(ax.collections)
        frames[i].plot(ax=ax, **st)
        state["coll"] = ax.collections[n]
        return [state["coll"]]

    anim = animation.FuncAnimation(fig, update, frames=len(frames), blit=False)
    writer = animation.FFMpegWriter(fps=job.get("fps", 4), codec="libx264",
                                    extra_args=["-pix_fmt", "yuv420p"])
    anim.save(job["out"], writer=writer, dpi=DPI)
    return {"total": time.perf_counter() - t0, "frames": len(frames)}


def main() -> None:
    job = json.loads(sys.argv[1])
    out = {"paint": paint, "png": png, "replay": replay}[job["mode"]](job)
    out["process"] = time.perf_counter() - T0
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
