"""Reduce a failing case to a small one that fails the same way.

:func:`shrink` first drops whole requests (delta debugging over the
sequence), then, request by request, drops and simplifies its parts:
headers, cookie operations, the body, query pairs, path segments, the
method, and finally single characters of what is left.  A candidate is
kept only when ``still_fails`` says it shows the same difference (the
caller compares signatures, so that the reduction does not slide into
another difference).  Every step makes the case smaller, so it ends.
"""

import json


def size(case):
    return len(json.dumps(case["requests"], sort_keys=True))


def ddmin(items, test):
    """The classic delta-debugging minimisation: a 1-minimal sublist of
    *items* (order kept) for which ``test(sublist)`` holds; ``test(items)``
    is assumed."""
    n = 2
    while len(items) >= 2:
        chunk = max(1, len(items) // n)
        subsets = [items[i : i + chunk] for i in range(0, len(items), chunk)]
        reduced = False
        for i, subset in enumerate(subsets):
            complement = [x for j, s in enumerate(subsets) if j != i for x in s]
            if test(subset):
                items, n, reduced = subset, 2, True
                break
            if len(subsets) > 2 and test(complement):
                items, n, reduced = complement, max(n - 1, 2), True
                break
        if not reduced:
            if n >= len(items):
                break
            n = min(len(items), n * 2)
    if len(items) == 1 and test([]):
        return []
    return items


class Budget(Exception):
    """Raised when the candidates allowed for one reduction are used up."""


class Shrinker:
    def __init__(self, still_fails, budget=1500):
        self.still_fails = still_fails
        self.tries = 0
        self.budget = budget

    def test(self, case):
        if self.tries >= self.budget:
            raise Budget()
        self.tries += 1
        return self.still_fails(case)

    def shrink(self, case):
        case = _copy(case)
        try:
            case = self._shrink(case)
        except Budget:
            pass
        return case

    def _shrink(self, case):
        requests = ddmin(case["requests"], lambda rs: bool(rs) and self.test(_with(case, rs)))
        case = _with(case, requests)
        while True:
            before = size(case)
            for index in range(len(case["requests"])):
                case = self._shrink_request(case, index)
            if size(case) >= before:
                return case

    def _shrink_request(self, case, index):
        def attempt(changed, simpler=False):
            """Keep *changed* if it is smaller (or *simpler*: GET for
            another method) and still fails."""
            nonlocal case
            requests = list(case["requests"])
            requests[index] = _clean(changed)
            candidate = _with(case, requests)
            if (simpler or size(candidate) < size(case)) and self.test(candidate):
                case = candidate
                return True
            return False

        def current():
            return dict(case["requests"][index])

        def list_field(key):
            items = current().get(key) or []
            if items:
                kept = ddmin(items, lambda sub: self.test(_with_field(case, index, key, sub)))
                if len(kept) < len(items):
                    attempt(dict(current(), **{key: kept}))

        list_field("headers")
        list_field("cookie_ops")
        if current().get("body"):
            attempt(dict(current(), body="", content_type=None))
            attempt(dict(current(), body=""))
        if current().get("content_type") and not current().get("body"):
            attempt(dict(current(), content_type=None))
        self._split_field(case, index, "query", "&", attempt, current)
        self._split_field(case, index, "body", "&", attempt, current)
        self._multipart(attempt, current)
        self._path(attempt, current)
        if current()["method"] != "GET":
            attempt(dict(current(), method="GET"), simpler=True)
        for key in ("query", "body", "path"):
            self._characters(key, attempt, current)
        for position in range(len(current().get("headers") or [])):
            self._header_value(position, attempt, current)
        return case

    def _split_field(self, case, index, key, sep, attempt, current):
        text = current().get(key)
        if not text or (key == "body" and "multipart" in (current().get("content_type") or "")):
            return
        parts = text.split(sep)
        if len(parts) < 2:
            return
        kept = ddmin(parts, lambda sub: self.test(_with_field(case, index, key, sep.join(sub))))
        if len(kept) < len(parts):
            attempt(dict(current(), **{key: sep.join(kept)}))

    def _multipart(self, attempt, current):
        content_type = current().get("content_type") or ""
        body = current().get("body") or ""
        if not content_type.startswith("multipart/") or "boundary=" not in content_type:
            return
        boundary = content_type.split("boundary=", 1)[1].split(";")[0].strip('"')
        sep = "--" + boundary
        pieces = body.split(sep)
        # pieces: preamble, part, part, ..., "--\r\n"
        if len(pieces) < 3:
            return
        head, parts, tail = pieces[0], pieces[1:-1], pieces[-1]
        for i in range(len(parts) - 1, -1, -1):
            parts_now = current().get("body", "").split(sep)
            if len(parts_now) < 3:
                return
            inner = parts_now[1:-1]
            if i >= len(inner):
                continue
            attempt(dict(current(), body=sep.join([head] + inner[:i] + inner[i + 1 :] + [tail])))

    def _path(self, attempt, current):
        path = current()["path"]
        segments = path.split("/")
        # keep the route's first segment, try dropping later ones
        for i in range(len(segments) - 1, 1, -1):
            now = current()["path"].split("/")
            if i < len(now):
                attempt(dict(current(), path="/".join(now[:i] + now[i + 1 :])))

    def _characters(self, key, attempt, current):
        """Drop single characters of a field, from the end, while the case
        still fails (bounded: long fields are rare once reduced)."""
        text = current().get(key)
        if not text or len(text) > 200:
            return
        i = len(text) - 1
        while i >= 0:
            text = current().get(key) or ""
            if i < len(text) and not (key == "path" and i == 0):
                attempt(dict(current(), **{key: text[:i] + text[i + 1 :]}))
            i -= 1

    def _header_value(self, position, attempt, current):
        headers = current().get("headers") or []
        if position >= len(headers):
            return
        name, value = headers[position]
        if len(value) > 200:
            shorter = [list(h) for h in headers]
            shorter[position] = [name, value[: len(value) // 10]]
            attempt(dict(current(), headers=shorter))
            return
        i = len(value) - 1
        while i >= 0:
            headers = current().get("headers") or []
            if position >= len(headers):
                return
            name, value = headers[position]
            if i < len(value):
                shorter = [list(h) for h in headers]
                shorter[position] = [name, value[:i] + value[i + 1 :]]
                attempt(dict(current(), headers=shorter))
            i -= 1


def _copy(case):
    return json.loads(json.dumps(case))


def _with(case, requests):
    return dict(case, requests=list(requests))


def _with_field(case, index, key, value):
    requests = list(case["requests"])
    requests[index] = _clean(dict(requests[index], **{key: value}))
    return _with(case, requests)


def _clean(request):
    """Leave out what holds its default, so the printed case is short."""
    return {
        k: v
        for k, v in request.items()
        if k in ("method", "path") or (v not in ("", None, []) and v != ())
    }


def shrink(case, still_fails, budget=1500):
    """Return a small case for which ``still_fails`` holds, and the number
    of candidates tried."""
    shrinker = Shrinker(still_fails, budget)
    return shrinker.shrink(case), shrinker.tries
