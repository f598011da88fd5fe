"""The command line. Parses arguments and dispatches; no widgets here.

Errors in input end with exit code 1 and one line naming the file, the feature and the problem;
usage errors exit 2 (argparse's convention).
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import Callable, Sequence

SUBCOMMANDS = ("import", "export", "render", "replay", "stats", "validate", "pull", "push")
# Wherever a project is read, a team project's postgresql:// URL does as well as a file.
PROJECT_HELP = "project file (.gpkg) or team project URL (postgresql://HOST/DB?project=NAME)"


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, like 1920x1080: {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size out of range 16..8192: {text!r}")
    return w, h


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bbox must be W,S,E,N in degrees: {text!r}") from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise argparse.ArgumentTypeError(f"bbox must have W<E and S<N within lon/lat range: {text!r}")
    return w, s, e, n


def gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="frontline", description="Frontline: dated control zones, "
                                "evidence and replay. Subcommands: " + ", ".join(SUBCOMMANDS))
    p.add_argument("project", nargs="?", help=PROJECT_HELP + "; none: a copy of the bundled sample")
    p.add_argument("--at", type=parse_date, help="open at this date (YYYY-MM-DD)")
    p.add_argument("--screenshot", metavar="OUT.png", help="paint the main window once, save it, exit")
    p.add_argument("--size", type=parse_size, default=(1600, 1000), help="window size WxH for --screenshot")
    p.add_argument("--select", metavar="ZONE", help="select the zone of this name (inspector and evidence)")
    p.add_argument("--panel", choices=("evidence", "changes", "compare", "sources", "history"),
                   help="bring this panel to the front")
    p.add_argument("--presentation", action="store_true", help="start in presentation mode (F11)")
    from desktop import version
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    return p


def sub_parser() -> argparse.ArgumentParser:
    # The formats each command takes come from the registries (both stdlib-only, so help stays fast).
    from desktop.render import outputs
    from desktop.storage import formats
    p = argparse.ArgumentParser(prog="frontline")
    sub = p.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help=formats.import_help())
    imp.add_argument("files", nargs="+")
    imp.add_argument("-o", "--output", required=True, metavar="PROJECT")
    imp.add_argument("--status", help="give every imported zone this status key")
    imp.add_argument("--series", action="store_true", help="files are dated snapshots")
    imp.add_argument("--keep", choices=("last", "first"), default="last",
                     help="--series with several revisions of a day: keep the last (default) or the first")
    imp.add_argument("--assessment", default="Imported", help="assessment to import into")
    exp = sub.add_parser("export", help=formats.export_help())
    exp.add_argument("project", help=PROJECT_HELP)
    exp.add_argument("-o", "--output", required=True)
    g = exp.add_mutually_exclusive_group()
    g.add_argument("--at", type=parse_date)
    g.add_argument("--history", action="store_true")
    ren = sub.add_parser("render", help=f"render the map on a date to {' '.join(outputs.image_suffixes())}")
    ren.add_argument("project", help=PROJECT_HELP)
    ren.add_argument("--at", type=parse_date, required=True)
    ren.add_argument("-o", "--output", required=True)
    ren.add_argument("--size", type=parse_size, default=(1920, 1080))
    ren.add_argument("--bbox", type=parse_bbox)
    rep = sub.add_parser("replay",
                         help=f"render one frame per step to {' '.join(outputs.video_suffixes())} or a folder")
    rep.add_argument("project", help=PROJECT_HELP)
    rep.add_argument("-o", "--output", required=True)
    rep.add_argument("--from", dest="from_", type=parse_date)
    rep.add_argument("--to", type=parse_date)
    rep.add_argument("--step", choices=("day", "week", "month"), default="week")
    rep.add_argument("--size", type=parse_size, default=(1920, 1080))
    rep.add_argument("--fps", type=int, default=4)
    rep.add_argument("--hold-last", type=float, metavar="SECONDS",
                     help="keep the last step on screen this long after its frame (MP4, GIF; default 1, 0: off)")
    st = sub.add_parser("stats", help="km² per assessment and status per step")
    st.add_argument("project", help=PROJECT_HELP)
    st.add_argument("--step", choices=("day", "week", "month"), default="week")
    st.add_argument("--csv", action="store_true")
    val = sub.add_parser("validate", help="report GeoJSON/KML problems")
    val.add_argument("files", nargs="+")
    # Issue 20: making a polygon valid is bounded per file; past the budget the feature is refused.
    for sp in (imp, val):
        sp.add_argument("--repair-seconds", type=float, metavar="S",
                        help="time the repairs of one file may take (default 20)")
        sp.add_argument("--repair-memory-mb", type=int, metavar="MB",
                        help="memory one file's repairs may take (default 1024)")
    pull = sub.add_parser("pull", help="take a team project offline as a GeoPackage that remembers where it came from")
    pull.add_argument("url", help="team project URL (postgresql://HOST/DB?project=NAME)")
    pull.add_argument("-o", "--output", required=True, metavar="COPY.gpkg")
    pull.add_argument("--force", action="store_true", help="overwrite an existing file")
    pull.add_argument("--analyst", help="your name, recorded with your edits (default: $FRONTLINE_ANALYST "
                      "or the database role)")
    push = sub.add_parser("push", help="push a pulled copy's offline edits back (conflicts are named and kept), "
                          "or make a team project of a project file: push FILE URL")
    push.add_argument("file", metavar="FILE.gpkg")
    push.add_argument("url", nargs="?", help="team project URL (default: where the copy was pulled from)")
    how = push.add_mutually_exclusive_group()
    how.add_argument("--reapply", action="store_true",
                     help="put conflicted offline edits on top of the others' (refused where the partition would break)")
    how.add_argument("--drop-conflicts", action="store_true", help="drop conflicted offline edits from the copy")
    push.add_argument("--analyst", help="your name, recorded with your edits (default: $FRONTLINE_ANALYST "
                      "or the database role)")
    return p


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    if command == "stats":
        from desktop.cli_stats import cmd_stats
        return cmd_stats
    if command in ("import", "export", "validate", "pull", "push"):
        from desktop import cli_interchange as m
        return getattr(m, f"cmd_{command}")
    from desktop import cli_render as m
    return getattr(m, f"cmd_{command}")


def _one_line(e: BaseException) -> str:
    """What went wrong, on one line, naming the file where the error knows it."""
    from desktop.model.project import ReadOnlyError
    if isinstance(e, ReadOnlyError):
        return "the project file is read-only (its permissions or its folder's); nothing was changed"
    if isinstance(e, OSError) and e.strerror:
        name = e.filename if e.filename is not None else ""
        return f"{name}: {e.strerror}" if name else e.strerror
    if isinstance(e, UnicodeError):
        return f"a file or text is not valid in this encoding ({type(e).__name__}: {getattr(e, 'reason', e)})"
    text = " ".join(str(e).split()) or type(e).__name__
    known = ("sqlite3", "shapely")
    kind = type(e).__module__.split(".")[0]
    if kind in known:
        return f"{text} ({kind})"
    return f"{text} ({type(e).__name__}; set FRONTLINE_DEBUG=1 to see where)"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from desktop.resources import ResourceMissing, check
    from desktop.storage.errors import InputError
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = sub_parser().parse_args(args_list)
            from desktop.storage.project import projectfile
            projectfile.report_warning = lambda line: print(f"frontline: warning: {line}", file=sys.stderr)
            try:
                if args.command in ("render", "replay"):
                    check()  # before any painting: a file missing mid-paint crashed the process
                return _handler(args.command)(args)
            finally:
                projectfile.report_warning = None
        args = gui_parser().parse_args(args_list)
        check()
        from desktop.ui.app import run_gui
        return run_gui(args.project, args.at, args.screenshot, args.size, select=args.select,
                       panel=args.panel, presentation=args.presentation)
    except (InputError, ResourceMissing) as e:
        print(f"frontline: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `frontline stats … | head`: the reader left; say nothing more, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # noqa: BLE001 - a command line answers in one line, not a traceback
        if args_list and args_list[0] in SUBCOMMANDS:
            print(f"frontline: error: {_one_line(e)}", file=sys.stderr)
            if os.environ.get("FRONTLINE_DEBUG"):
                raise
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
