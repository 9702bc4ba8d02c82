"""Turn measurements into the ratio table, the targets, the plot and
the files the documentation's benchmark page includes."""

import json
import math
import os
import platform
import sys
from datetime import date
from importlib import metadata

from bench import apps
from bench.per_request import paired_ratio

ROUTES = tuple(apps.ROUTES)

#: the ratios the tables show, as (numerator, denominator) stacks
RATIO_PAIRS = (
    ("flask01", "Werkzeug"),
    ("flask01", "Flask"),
    ("flask01.modern", "Werkzeug"),
    ("flask01.modern", "Flask"),
    ("Werkzeug", "Flask"),
)
PACKAGES = ("Werkzeug", "Jinja2", "itsdangerous", "MarkupSafe", "Flask", "gunicorn")


def machine():
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": {name: metadata.version(name) for name in PACKAGES},
    }


def geometric_mean(values):
    values = list(values)
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratio(results, stack, baseline, route):
    """*stack*'s time over *baseline*'s on *route*: the median of the
    ratios within each round."""
    rounds = results["rounds_ns"]["requests"]
    return paired_ratio(rounds[stack][route], rounds[baseline][route])


def context_ratio(results, stack, baseline):
    rounds = results["rounds_ns"]["contexts"]
    return paired_ratio(rounds[stack], rounds[baseline])


def targets(results):
    """Each target as ``(description, measured, limit)``; a target is
    met when measured <= limit."""
    rows = [
        ("flask01 / Werkzeug, hello", ratio(results, "flask01", "Werkzeug", "hello"), 1.5),
        (
            "flask01 / Flask, geometric mean of the five routes",
            geometric_mean(ratio(results, "flask01", "Flask", r) for r in ROUTES),
            0.6,
        ),
        (
            "flask01.modern / Werkzeug, hello",
            ratio(results, "flask01.modern", "Werkzeug", "hello"),
            2.0,
        ),
        (
            "flask01 / Flask, request context push and pop",
            context_ratio(results, "flask01", "Flask"),
            1 / 3,
        ),
    ]
    bigfile = results.get("bigfile")
    if bigfile:
        modern = bigfile["server"]["flask01.modern"]
        rows += [
            ("flask01.modern peak memory growth, 1 GiB (MiB)", modern["peak_growth_mib"], 16),
            (
                "flask01.modern share of the bytes sent without sendfile(2)",
                1 - modern["sendfile_share"],
                0.0,
            ),
            ("flask01.modern server CPU / Werkzeug's, 1 GiB", bigfile["fix_cpu_ratio"], 1.05),
            ("Werkzeug in-process rate / flask01.modern's", bigfile["fix_rate_ratio"], 1.05),
        ]
    return rows


def _shown(description, value):
    """A target's figure as the tables print it: shares as percentages."""
    return f"{value:.0%}" if "share" in description else f"{value:.2f}"


def summary(results):
    """The plain-text report ``nox -s bench`` prints."""
    requests = results["requests"]
    stacks = list(requests)
    lines = ["Per request, microseconds (median of the rounds):", ""]
    lines.append(f"{'route':10}" + "".join(f"{s:>16}" for s in stacks))
    for route in ROUTES:
        lines.append(f"{route:10}" + "".join(f"{requests[s][route] / 1000:16.1f}" for s in stacks))
    lines += ["", "Ratios:", ""]
    pairs = RATIO_PAIRS
    lines.append(f"{'route':10}" + "".join(f"{a + '/' + b:>26}" for a, b in pairs))
    for route in ROUTES:
        cells = "".join(f"{ratio(results, a, b, route):26.2f}" for a, b in pairs)
        lines.append(f"{route:10}" + cells)
    means = "".join(
        f"{geometric_mean(ratio(results, a, b, r) for r in ROUTES):26.2f}" for a, b in pairs
    )
    lines.append(f"{'geo. mean':10}" + means)
    lines += ["", "Request context push and pop, microseconds:", ""]
    for stack, ns in results["contexts"].items():
        lines.append(f"  {stack:16}{ns / 1000:8.1f}")
    bigfile = results.get("bigfile")
    if bigfile:
        lines += ["", "1 GiB send_file through gunicorn, medians:", ""]
        lines.append(
            f"{'stack':16}{'MiB/s':>8}{'CPU ms':>8}{'peak +MiB':>10}"
            f"{'sendfile':>9}{'callback':>9}{'in-process MiB/s':>18}"
        )
        for stack, row in bigfile["server"].items():
            lines.append(
                f"{stack:16}{row['mib_per_s']:8.0f}{row['cpu_ms']:8.0f}"
                f"{row['peak_growth_mib']:10.2f}{row['sendfile_share']:9.0%}"
                f"{row['callbacks']:9.0f}{bigfile['in_process'][stack]:18.0f}"
            )
    lines += ["", "Targets:", ""]
    for description, value, limit in targets(results):
        verdict = "met" if value <= limit else "MISSED"
        lines.append(
            f"  {verdict:7}{description}: {_shown(description, value)}"
            f" (limit {_shown(description, limit)})"
        )
    return "\n".join(lines)


def _rst_table(header, rows):
    """A list-table, the one kind of RST table that needs no aligning."""
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        out.append(f"   * - {row[0]}")
        out.extend(f"     - {cell}" for cell in row[1:])
    return out


def rst(results):
    """The page fragment docs/benchmarks.rst includes."""
    requests = results["requests"]
    stacks = list(requests)
    about = results["machine"]
    versions = ", ".join(f"{name} {v}" for name, v in about["packages"].items())
    out = [
        f"Measured on {about['date']}: {about['cpu']}, {about['cores']} cores, "
        f"{about['system']}, {about['python']}; {versions}.",
        "",
        f"Rounds: {results['rounds']} of {results['batch']} requests per stack and route.",
        "",
        ".. rubric:: Microseconds per request (median)",
        "",
    ]
    out += _rst_table(
        ["route", *stacks],
        [[route, *(f"{requests[s][route] / 1000:.1f}" for s in stacks)] for route in ROUTES],
    )
    out += ["", ".. rubric:: Time ratios", ""]
    pairs = RATIO_PAIRS
    rows = [[route, *(f"{ratio(results, a, b, route):.2f}" for a, b in pairs)] for route in ROUTES]
    rows.append(
        [
            "geometric mean",
            *(f"{geometric_mean(ratio(results, a, b, r) for r in ROUTES):.2f}" for a, b in pairs),
        ]
    )
    out += _rst_table(["route", *(f"{a} / {b}" for a, b in pairs)], rows)
    out += ["", ".. rubric:: Request context push and pop (microseconds)", ""]
    out += _rst_table(
        ["stack", "push and pop"],
        [[s, f"{ns / 1000:.1f}"] for s, ns in results["contexts"].items()],
    )
    bigfile = results.get("bigfile")
    if bigfile:
        out += ["", ".. rubric:: 1 GiB ``send_file`` through gunicorn (medians)", ""]
        out += _rst_table(
            [
                "stack",
                "MiB/s",
                "worker CPU (ms)",
                "peak memory growth (MiB)",
                "bytes sent by sendfile",
                "call_on_close ran",
                "in-process MiB/s",
            ],
            [
                [
                    stack,
                    f"{row['mib_per_s']:.0f}",
                    f"{row['cpu_ms']:.0f}",
                    f"{row['peak_growth_mib']:.2f}",
                    f"{row['sendfile_share']:.0%}",
                    "yes" if row["callbacks"] >= 1 else "no",
                    f"{bigfile['in_process'][stack]:.0f}",
                ]
                for stack, row in bigfile["server"].items()
            ],
        )
    out += ["", ".. rubric:: Targets", ""]
    out += _rst_table(
        ["target", "measured", "limit", "met"],
        [
            [d, _shown(d, v), _shown(d, lim), "yes" if v <= lim else "**no**"]
            for d, v, lim in targets(results)
        ],
    )
    return "\n".join(out) + "\n"


def plot(results, path):
    """A bar chart of the per-request medians, one group per route, as
    SVG for the page."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "flask01"  # the same file for the same figures
    requests = results["requests"]
    stacks = list(requests)
    width = 0.8 / len(stacks)
    figure, axes = plt.subplots(figsize=(8, 4.2))
    for i, stack in enumerate(stacks):
        xs = [r + (i - (len(stacks) - 1) / 2) * width for r in range(len(ROUTES))]
        axes.bar(xs, [requests[stack][route] / 1000 for route in ROUTES], width, label=stack)
    axes.set_xticks(range(len(ROUTES)), ROUTES)
    axes.set_ylabel("microseconds per request (median)")
    axes.set_title(f"Per-request cost, {results['machine']['python']}")
    axes.legend(frameon=False, ncols=len(stacks), loc="upper left", fontsize="small")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    figure.savefig(path, metadata={"Date": None})
    plt.close(figure)


def write(results, folder):
    """results.json, table.inc and requests.svg into *folder*."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "results.json"), "w") as f:
        json.dump(results, f, indent=2)  # in measuring order: the tables follow it
        f.write("\n")
    with open(os.path.join(folder, "table.inc"), "w") as f:
        f.write(rst(results))
    plot(results, os.path.join(folder, "requests.svg"))


def missed(results):
    return [(d, v, lim) for d, v, lim in targets(results) if v > lim]


if __name__ == "__main__":  # pragma: no cover - rebuild the page from saved figures
    folder = sys.argv[1]
    with open(os.path.join(folder, "results.json")) as f:
        saved = json.load(f)
    write(saved, folder)
    print(summary(saved))
