"""Diagrams drawn from real runs, as inline SVG.

Nothing here is drawn by hand: :func:`icicle` draws the call tree that
:mod:`.running` recorded, and :func:`stack_columns` the context stacks
as :func:`stack_watcher` saw them change.  The SVG is written into the
page itself, so the diagrams need no tool at build time beyond Python
and no network when the page is opened from disk.
"""

import importlib
from html import escape

ROW, UNIT_WIDTH, FONT = 22, 720, 11
COLOURS = {"flask01.modern": "#cfe3f5", "flask01": "#f7e3c2", "werkzeug": "#dcefd6"}


def _colour(module):
    for prefix, colour in COLOURS.items():
        if module.startswith(prefix):
            return colour
    return "#eeeeee"


def _leaves(call):
    return max(1, sum(_leaves(c) for c in call["children"]))


def _depth(call):
    return 1 + max((_depth(c) for c in call["children"]), default=0)


def icicle(calls, title):
    """Every call as a box under its caller, left to right in the order
    they were made; a box is as wide as the calls it made (not as long
    as it took: the picture is the same on every machine)."""
    total = sum(_leaves(c) for c in calls)
    unit = UNIT_WIDTH / total
    height = ROW * max(_depth(c) for c in calls)
    boxes = []
    x = 0.0
    for call in calls:
        x = _draw_call(boxes, call, x, 0, unit)
    return _figure(UNIT_WIDTH, height, "".join(boxes), title)


def _draw_call(boxes, call, x, depth, unit):
    width = _leaves(call) * unit
    name = call["qualname"]
    shown = name if len(name) * FONT * 0.6 < width - 4 else name.rsplit(".", 1)[-1]
    if len(shown) * FONT * 0.6 >= width - 4:
        shown = ""
    boxes.append(
        f"<g><title>{escape(call['module'])}.{escape(name)}</title>"
        f'<rect x="{x:.1f}" y="{depth * ROW}" width="{width:.1f}" height="{ROW - 2}" '
        f'fill="{_colour(call["module"])}" stroke="#888" stroke-width="0.5"/>'
        f'<text x="{x + 3:.1f}" y="{depth * ROW + 15}" font-size="{FONT}">'
        f"{escape(shown)}</text></g>"
    )
    child_x = x
    for child in call["children"]:
        child_x = _draw_call(boxes, child, child_x, depth + 1, unit)
    return x + width


def _figure(width, height, body, title):
    return (
        f'<figure class="companion-diagram"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'font-family="monospace"><desc>{escape(title)}</desc>{body}</svg>'
        f"<figcaption>{escape(title)}</figcaption></figure>"
    )


# -- the context stacks ----------------------------------------------------

STACKS = {
    "flask01": [("request contexts", "flask01", "_request_ctx_stack")],
    "flask01.modern": [
        ("application contexts", "flask01.modern.globals", "_app_ctx_stack"),
        ("request contexts", "flask01.modern.globals", "_request_ctx_stack"),
    ],
}


def stacks_of(which):
    """[(label, LocalStack)] for ``flask01`` or ``flask01.modern``."""
    return [(label, getattr(importlib.import_module(m), attr)) for label, m, attr in STACKS[which]]


def _contents(stack):
    # Werkzeug's LocalStack keeps its list in a ContextVar (``_storage``);
    # it offers only ``top`` publicly, and a picture needs the whole stack.
    return list(stack._storage.get([]))


class _StackWatcher:
    def __init__(self, stacks, prefix):
        self.stacks, self.prefix = stacks, prefix
        self.names = {}
        self.snapshots = [("before", self._snapshot())]

    def finish(self):
        """Take the last snapshot; return them all."""
        self.snapshots.append(("after", self._snapshot()))
        return self.snapshots

    def _name(self, obj):
        if id(obj) not in self.names:
            kind = type(obj).__name__.lstrip("_")
            count = sum(1 for n in self.names.values() if n[0] == kind) + 1
            self.names[id(obj)] = (kind, count, obj)  # obj kept: ids stay unique
        kind, count, _ = self.names[id(obj)]
        detail = getattr(getattr(obj, "request", None), "path", "")
        return f"{kind} {count}" + (f" {detail}" if detail else "")

    def _snapshot(self):
        return [[self._name(o) for o in _contents(stack)] for _, stack in self.stacks]

    def __call__(self, frame, event, arg):
        if event not in ("call", "return"):
            return
        # on a call, the caller was running when the stacks changed
        running = frame if event == "return" else frame.f_back
        if running is None or not running.f_globals.get("__name__", "").startswith(self.prefix):
            return
        now = self._snapshot()
        if now != self.snapshots[-1][1]:
            label = getattr(running.f_code, "co_qualname", running.f_code.co_name)
            self.snapshots.append((label, now))


def stack_watcher(stacks):
    """A profiler (for :class:`.running.Watch`) that snapshots
    *stacks* after every change; ``.snapshots`` lists them."""
    return _StackWatcher(stacks, "flask01")


def stack_columns(snapshots, stacks):
    """One column per moment, each stack drawn bottom up."""
    column, box = 210, 20
    deepest = max(1, max(len(s) for _, snap in snapshots for s in snap))
    band = (deepest + 1) * box + 18
    height = band * len(stacks) + 30
    parts = []
    for i, (label, snap) in enumerate(snapshots):
        x = i * column + 4
        for j, items in enumerate(snap):
            base = j * band + band - 8
            parts.append(
                f'<line x1="{x}" y1="{base}" x2="{x + column - 12}" y2="{base}" stroke="#555"/>'
            )
            for k, item in enumerate(items):
                y = base - (k + 1) * box
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{column - 12}" height="{box - 2}" '
                    f'fill="{"#cfe3f5" if "Request" in item else "#f7e3c2"}" stroke="#888"/>'
                    f'<text x="{x + 4}" y="{y + 13}" font-size="{FONT}">{escape(item)}</text>'
                )
        parts.append(
            f'<text x="{x}" y="{height - 8}" font-size="{FONT}" font-weight="bold">'
            f"{escape(label)}</text>"
        )
    for j, (name, _) in enumerate(stacks):
        parts.append(
            f'<text x="{len(snapshots) * column}" y="{j * band + band - 12}" '
            f'font-size="{FONT}" fill="#555">{escape(name)}</text>'
        )
    width = len(snapshots) * column + 150
    title = (
        "The context stacks after each change, left to right; the top of a stack is drawn on top."
    )
    return _figure(width, height, "".join(parts), title)
