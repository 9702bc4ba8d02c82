"""The benchmark's history: one line of JSON per run, and its plot.

Every full run of ``python -m bench`` appends to
``docs/benchmarks/history.jsonl`` the commit it measured, the date, the
Python and package versions, and every judged or measured figure with
its interval and verdict.  :func:`svg` draws the figures over the runs,
one small panel each, so that a slow drift shows even while every run
passes.

``python -m bench.history [FOLDER]`` redraws ``history.svg`` from the
file; ``--backfill`` first adds the runs whose ``results.json`` the
git history holds (per-request figures only: the 1 GiB turns were not
kept before the history began).
"""

import argparse
import html
import json
import os
import subprocess
import sys
from datetime import datetime, timezone

FILE = "history.jsonl"
PLOT = "history.svg"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: colour of a point by its verdict
COLOURS = {"met": "#2a7d2a", "missed": "#c62828", "undecided": "#e08e0b", "measured": "#3465a4"}


def _git(root, *args):
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def commit(root=ROOT):
    """The commit checked out in *root*, or ``"unknown"`` outside git."""
    try:
        return _git(root, "rev-parse", "HEAD")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dirty(root=ROOT):
    """Whether the measured code (flask01/ and bench/) differs from the
    commit; None when git cannot tell."""
    try:
        subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", "flask01", "bench"],
            cwd=root,
            capture_output=True,
            check=True,
        )
    except subprocess.CalledProcessError as e:
        return True if e.returncode == 1 else None
    except OSError:
        return None
    return False


def entry(results, judged, commit_id, is_dirty=None, when=None):
    """The history line of one run: a dict ready for JSON."""
    when = when or datetime.now(timezone.utc)
    about = results.get("machine", {})
    plan = results.get("plan", {})
    return {
        "commit": commit_id,
        "dirty": is_dirty,
        "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": about.get("python"),
        "packages": about.get("packages", {}),
        "cpu": about.get("cpu"),
        "cores": about.get("cores"),
        "taken": {key: value["taken"] for key, value in plan.items()},
        "confidence": results.get("confidence"),
        # runs before the history timed requests by the wall clock
        "clock": results.get("clock", "wall"),
        "figures": [
            {
                "name": e.name,
                "value": round(e.value, 4),
                "low": round(e.low, 4),
                "high": round(e.high, 4),
                "limit": e.limit,
                "verdict": e.verdict,
            }
            for e in judged
        ],
    }


def append(path, line):
    """Add one run to the history file at *path*."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "a") as f:
        f.write(json.dumps(line, sort_keys=True) + "\n")


def load(path):
    """Every run in the history file, oldest first ([] if none)."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def record(folder, results, judged, root=ROOT):
    """Append this run to *folder*'s history and redraw its plot."""
    path = os.path.join(folder, FILE)
    append(path, entry(results, judged, commit(root), dirty(root)))
    write_plot(folder)


def write_plot(folder):
    with open(os.path.join(folder, PLOT), "w") as f:
        f.write(svg(load(os.path.join(folder, FILE))))


# -- the plot --------------------------------------------------------------

PANEL_W, PANEL_H, COLUMNS = 420, 150, 2
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 34, 30


def _series(runs):
    """Figure names in the order they first appear, each with its
    points as (run index, figure)."""
    series = {}
    for index, run in enumerate(runs):
        for figure in run["figures"]:
            series.setdefault(figure["name"], []).append((index, figure))
    return series


def _label(run):
    commit_id = run.get("commit") or "unknown"
    short = commit_id[:7] + ("+" if run.get("dirty") else "")
    return f"{short} {run.get('date', '')[:10]}"


def _number(value):
    return f"{value:.3g}"


def _panel(name, points, runs, x0, y0):
    """One figure's panel, its top left corner at (x0, y0)."""
    width, height = PANEL_W - LEFT - RIGHT, PANEL_H - TOP - BOTTOM
    limit = next((f["limit"] for _, f in points if f["limit"] is not None), None)
    values = [v for _, f in points for v in (f["low"], f["high"], f["value"])]
    if limit is not None:
        values.append(limit)
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = low - 0.5 * abs(low or 1) * 0.1, high + 0.5 * abs(high or 1) * 0.1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    count = max(len(runs), 2)

    def x(index):
        return x0 + LEFT + width * (index + 0.5) / count

    def y(value):
        return y0 + TOP + height * (high - value) / (high - low)

    out = [
        f'<text x="{x0 + LEFT}" y="{y0 + 18}" class="title">{html.escape(name)}</text>',
        f'<rect x="{x0 + LEFT}" y="{y0 + TOP}" width="{width}" height="{height}" class="frame"/>',
    ]
    for value in (low + pad, high - pad):
        out.append(
            f'<text x="{x0 + LEFT - 4}" y="{y(value) + 4:.1f}" class="tick">{_number(value)}</text>'
        )
    if limit is not None:
        out.append(
            f'<line x1="{x0 + LEFT}" x2="{x0 + LEFT + width}" y1="{y(limit):.1f}"'
            f' y2="{y(limit):.1f}" class="limit"/>'
        )
        out.append(
            f'<text x="{x0 + LEFT + width - 2}" y="{y(limit) - 3:.1f}" class="limitlabel">'
            f"limit {_number(limit)}</text>"
        )
    previous = None
    for index, figure in points:
        cx = x(index)
        if previous is not None:
            out.append(
                f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{cx:.1f}"'
                f' y2="{y(figure["value"]):.1f}" class="trend"/>'
            )
        previous = (cx, y(figure["value"]))
        colour = COLOURS.get(figure["verdict"], "#555")
        tip = (
            f"{_label(runs[index])}: {figure['value']:.3f} "
            f"[{figure['low']:.3f}, {figure['high']:.3f}] {figure['verdict']}"
        )
        out.append(
            f'<g><title>{html.escape(tip)}</title><line x1="{cx:.1f}" x2="{cx:.1f}"'
            f' y1="{y(figure["low"]):.1f}" y2="{y(figure["high"]):.1f}" stroke="{colour}"'
            f' class="interval"/><circle cx="{cx:.1f}" cy="{y(figure["value"]):.1f}" r="3"'
            f' fill="{colour}"/></g>'
        )
    ends = [(0, x0 + LEFT, "start")]
    if len(runs) > 1:
        ends.append((len(runs) - 1, x0 + LEFT + width, "end"))
    for index, at, anchor in ends:
        out.append(
            f'<text x="{at}" y="{y0 + TOP + height + 16}" class="run"'
            f' text-anchor="{anchor}">{html.escape(_label(runs[index]))}</text>'
        )
    return out


def svg(runs, last=40):
    """The history as one SVG document: a panel per figure, the runs
    left to right (the *last* ones), each figure's median as a dot and
    its interval as a bar coloured by its verdict, the limit dashed."""
    runs = runs[-last:]
    series = _series(runs)
    rows = max(1, -(-len(series) // COLUMNS))
    width, height = PANEL_W * COLUMNS, PANEL_H * rows + 28
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="sans-serif">',
        "<style>"
        ".title{font-size:11px;fill:#222}.tick{font-size:9px;fill:#555;text-anchor:end}"
        ".run{font-size:9px;fill:#555}.frame{fill:none;stroke:#bbb}"
        ".limit{stroke:#c62828;stroke-dasharray:4 3}"
        ".limitlabel{font-size:9px;fill:#c62828;text-anchor:end}"
        ".trend{stroke:#999;stroke-width:0.8}.interval{stroke-width:2}"
        "</style>",
    ]
    if not series:
        out.append('<text x="20" y="40" font-size="12">No runs recorded yet.</text>')
    legend = "".join(
        f'<tspan dx="6" fill="{colour}" font-weight="bold">{verdict}</tspan>'
        for verdict, colour in COLOURS.items()
    )
    out.append(
        f'<text x="{LEFT}" y="{height - 8}" font-size="10" fill="#555">'
        f"{len(runs)} runs, oldest left (commit, + if its code had changes, date);"
        f" dot: median; bar: interval, by verdict:{legend}</text>"
    )
    for number, (name, points) in enumerate(series.items()):
        x0 = PANEL_W * (number % COLUMNS)
        y0 = PANEL_H * (number // COLUMNS)
        out += _panel(name, points, runs, x0, y0)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- the runs before the history ------------------------------------------


def backfill(folder, root=ROOT):
    """Add to *folder*'s history a line for every commit whose
    ``docs/benchmarks/results.json`` has the rounds the intervals need,
    oldest first, unless that commit is in the history already."""
    from bench import report

    path = os.path.join(folder, FILE)
    known = {run["commit"] for run in load(path)}
    previous = None
    log = _git(root, "log", "--reverse", "--format=%H %cI", "--", "docs/benchmarks/results.json")
    for line in log.splitlines():
        commit_id, when = line.split()
        if commit_id in known:
            continue
        saved = json.loads(_git(root, "show", f"{commit_id}:docs/benchmarks/results.json"))
        if "rounds_ns" not in saved or saved["rounds_ns"] == previous:
            continue  # no rounds kept, or the same run committed again
        previous = saved["rounds_ns"]
        saved.pop("bigfile", None)  # medians only: no interval to give
        judged = report.estimates(saved)
        moment = datetime.fromisoformat(when).astimezone(timezone.utc)
        run = entry(saved, judged, commit_id, False, moment)
        run["backfilled"] = True
        append(path, run)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__)
    parser.add_argument("folder", nargs="?", default=os.path.join(ROOT, "docs", "benchmarks"))
    parser.add_argument("--backfill", action="store_true")
    args = parser.parse_args(argv)
    if args.backfill:
        backfill(args.folder)
    write_plot(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
