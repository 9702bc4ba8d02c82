"""Turn measurements into the ratio table, the targets, the plot and
the files the documentation's benchmark page includes."""

import json
import math
import os
import platform
import statistics
import sys
from datetime import date
from importlib import metadata

from bench import apps
from bench.bigfile import cpu_ratios as bigfile_cpu_ratios
from bench.bigfile import rate_ratios as bigfile_rate_ratios
from bench.per_request import paired_ratio, round_ratios
from bench.verdicts import CONFIDENCE, MET, MISSED, UNDECIDED, estimate

ROUTES = tuple(apps.ROUTES)

#: the ratios the tables show, as (numerator, denominator) stacks
RATIO_PAIRS = (
    ("flask01", "Werkzeug"),
    ("flask01", "Flask"),
    ("flask01.modern", "Werkzeug"),
    ("flask01.modern", "Flask"),
    ("Werkzeug", "Flask"),
)
PACKAGES = ("Werkzeug", "Jinja2", "itsdangerous", "MarkupSafe", "blinker", "Flask", "gunicorn")


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


def _round_ratios(results, stack, baseline, route, kind="requests"):
    rounds = results["rounds_ns"]
    return round_ratios(rounds[kind][stack][route], rounds["requests"][baseline][route])


def ratio(results, stack, baseline, route):
    """*stack*'s time over *baseline*'s on *route*: the median of the
    ratios within each round."""
    rounds = results["rounds_ns"]["requests"]
    return paired_ratio(rounds[stack][route], rounds[baseline][route])


def context_ratio(results, stack, baseline):
    rounds = results["rounds_ns"]["contexts"]
    return paired_ratio(rounds[stack], rounds[baseline])


def _geometric_mean_of_medians(rounds):
    """The geometric mean over routes of each route's median ratio;
    *rounds* holds one tuple of per-route ratios per round."""
    return geometric_mean(statistics.median(column) for column in zip(*rounds, strict=True))


def request_estimates(results):
    """The per-request targets, each with its interval and verdict."""
    per_route = [_round_ratios(results, "flask01", "Flask", r) for r in ROUTES]
    contexts = results["rounds_ns"]["contexts"]
    median = statistics.median
    return [
        estimate(
            "flask01 / Werkzeug, hello",
            _round_ratios(results, "flask01", "Werkzeug", "hello"),
            median,
            1.5,
        ),
        estimate(
            "flask01 / Flask, geometric mean of the five routes",
            list(zip(*per_route, strict=True)),
            _geometric_mean_of_medians,
            0.6,
        ),
        estimate(
            "flask01.modern / Werkzeug, hello",
            _round_ratios(results, "flask01.modern", "Werkzeug", "hello"),
            median,
            2.0,
        ),
        estimate(
            "flask01 / Flask, request context push and pop",
            round_ratios(contexts["flask01"], contexts["Flask"]),
            median,
            1 / 3,
        ),
    ]


#: what each new cost compares: (name, variant with the cost or None for
#: the stack itself, variant without it or None, stack, route)
COSTS = (
    ("tracer installed but off / never, flask01, hello", "flask01, tracer off", None, "flask01"),
    (
        "tracer installed but off / never, flask01.modern, hello",
        "flask01.modern, tracer off",
        None,
        "flask01.modern",
    ),
    (
        "signals with no receivers / none sent, flask01.modern, hello",
        None,
        "flask01.modern, no signals",
        "flask01.modern",
    ),
    (
        "signals with no receivers / none sent, flask01.modern, template",
        None,
        "flask01.modern, no signals",
        "flask01.modern",
    ),
)


def cost_estimates(results):
    """What the tracer (installed, then off) and signals nobody
    receives cost, each over the same code without them: measured, no
    limit, watched in the history."""
    rounds = results["rounds_ns"]
    if "variants" not in rounds:
        return []
    out = []
    for name, with_it, without, stack in COSTS:
        route = name.rsplit(", ", 1)[1]
        top = rounds["variants"][with_it][route] if with_it else rounds["requests"][stack][route]
        bottom = rounds["variants"][without][route] if without else rounds["requests"][stack][route]
        out.append(estimate(name, round_ratios(top, bottom), statistics.median))
    return out


def server_estimates(bigfile):
    """The targets on the transfers through gunicorn."""
    server = bigfile["turns"]["server"]
    modern = server["flask01.modern"]
    return [
        estimate(
            "flask01.modern peak memory growth, 1 GiB (MiB)",
            [row["peak_growth_mib"] for row in modern],
            statistics.median,
            16,
        ),
        estimate(
            "flask01.modern share of the bytes sent without sendfile(2)",
            [1 - row["sendfile_share"] for row in modern],
            statistics.median,
            0.0,
        ),
        estimate(
            "flask01.modern server CPU / Werkzeug's, 1 GiB",
            bigfile_cpu_ratios(server),
            statistics.median,
            1.05,
        ),
    ]


def stream_estimates(bigfile):
    """The target on the in-process stream."""
    return [
        estimate(
            "Werkzeug in-process rate / flask01.modern's",
            bigfile_rate_ratios(bigfile["turns"]["in_process"]),
            statistics.median,
            1.05,
        )
    ]


def estimates(results):
    """Every judged target and every measured cost, in report order."""
    out = request_estimates(results)
    bigfile = results.get("bigfile")
    if bigfile and "turns" in bigfile:
        out += server_estimates(bigfile) + stream_estimates(bigfile)
    return out + cost_estimates(results)


def targets(results, judged=None):
    """The estimates that have a limit."""
    judged = estimates(results) if judged is None else judged
    return [e for e in judged if e.limit is not None]


def _shown(description, value):
    """A target's figure as the tables print it: shares as percentages."""
    return f"{value:.0%}" if "share" in description else f"{value:.2f}"


def _interval(e):
    return f"[{_shown(e.name, e.low)}, {_shown(e.name, e.high)}]"


def _plan_sentence(results):
    """How many rounds and turns were taken, against the plan."""
    plan = results.get("plan", {})
    parts = []
    for key, what in (("rounds", "rounds"), ("transfers", "transfers"), ("streams", "streams")):
        if key in plan:
            initial, step, bound = plan[key]["initial"], plan[key]["step"], plan[key]["bound"]
            parts.append(
                f"{plan[key]['taken']} {what} (first {initial}, then {step} more"
                f" at a time while a target was undecided, at most {bound})"
            )
    return "; ".join(parts)


def _undecided_note(judged, results):
    left = [e for e in judged if e.verdict == UNDECIDED]
    if not left:
        return []
    return [
        "",
        f"{len(left)} target(s) undecided after the most rounds or turns allowed:"
        " the interval still holds the limit, so these measurements cannot say"
        " which side of it the figure is on.  Not a failure unless --strict is"
        " given; a quieter machine, or a figure further from its limit, decides.",
    ]


def summary(results, judged=None):
    """The plain-text report ``nox -s bench`` prints."""
    judged = estimates(results) if judged is None else judged
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
    confidence = results.get("confidence", CONFIDENCE)
    lines += ["", f"Targets, median [{confidence:.0%} bootstrap interval]:", ""]
    for e in targets(results, judged):
        lines.append(
            f"  {e.verdict if e.verdict == MET else e.verdict.upper():11}{e.name}:"
            f" {_shown(e.name, e.value)} {_interval(e)} (limit {_shown(e.name, e.limit)})"
        )
    costs = [e for e in judged if e.limit is None]
    if costs:
        lines += ["", "Costs, the same code with and without them (no limit):", ""]
        lines += [f"  {e.name}: {e.value:.3f} [{e.low:.3f}, {e.high:.3f}]" for e in costs]
    if _plan_sentence(results):
        lines += ["", f"Taken: {_plan_sentence(results)}."]
    lines += _undecided_note(judged, results)
    return "\n".join(lines)


def _rst_table(header, rows):
    """A list-table, the one kind of RST table that needs no aligning."""
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        out.append(f"   * - {row[0]}")
        out.extend(f"     - {cell}" for cell in row[1:])
    return out


def rst(results, judged=None):
    """The page fragment docs/benchmarks.rst includes."""
    judged = estimates(results) if judged is None else judged
    requests = results["requests"]
    stacks = list(requests)
    about = results["machine"]
    versions = ", ".join(f"{name} {v}" for name, v in about["packages"].items())
    out = [
        f"Measured on {about['date']}: {about['cpu']}, {about['cores']} cores, "
        f"{about['system']}, {about['python']}; {versions}.",
        "",
        f"Rounds: {results['rounds']} of {results['batch']} requests per stack and route."
        + (f"  Taken: {_plan_sentence(results)}." if _plan_sentence(results) else ""),
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
    confidence = results.get("confidence", CONFIDENCE)
    out += ["", ".. rubric:: Targets", ""]
    out += _rst_table(
        ["target", "median", f"{confidence:.0%} interval", "limit", "verdict"],
        [
            [
                e.name,
                _shown(e.name, e.value),
                _interval(e),
                _shown(e.name, e.limit),
                e.verdict if e.verdict == MET else f"**{e.verdict}**",
            ]
            for e in targets(results, judged)
        ],
    )
    costs = [e for e in judged if e.limit is None]
    if costs:
        out += ["", ".. rubric:: Costs, with over without (no limit)", ""]
        out += _rst_table(
            ["cost", "median", f"{confidence:.0%} interval"],
            [[e.name, f"{e.value:.3f}", f"[{e.low:.3f}, {e.high:.3f}]"] for e in costs],
        )
    note = _undecided_note(judged, results)
    if note:
        out += ["", note[1]]
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


def write(results, folder, judged=None):
    """results.json, table.inc and requests.svg into *folder*."""
    judged = estimates(results) if judged is None else judged
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "results.json"), "w") as f:
        saved = dict(results, estimates=[e.as_dict() for e in judged])
        json.dump(saved, f, indent=2)  # in measuring order: the tables follow it
        f.write("\n")
    with open(os.path.join(folder, "table.inc"), "w") as f:
        f.write(rst(results, judged))
    plot(results, os.path.join(folder, "requests.svg"))


def missed(results, judged=None):
    """The targets whose whole interval is over the limit."""
    return [e for e in targets(results, judged) if e.verdict == MISSED]


if __name__ == "__main__":  # pragma: no cover - rebuild the page from saved figures
    folder = sys.argv[1]
    with open(os.path.join(folder, "results.json")) as f:
        saved = json.load(f)
    write(saved, folder)
    print(summary(saved))
