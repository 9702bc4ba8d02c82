"""Compare the responses of the original Flask 0.1 with flask01's.

Both sides' outcomes come from ``driver.py``.  Before comparing, each
outcome goes through the normalizations listed in :data:`NORMALIZATIONS`:
differences that carry no meaning for an application (a date, the order
of headers, the encoding of the session cookie, the HTML of Werkzeug's own
error pages).  Every other difference fails, unless the request is tagged
with a deviation register id, in which case it must differ (a deviation
that no longer shows is a stale register row, and fails too).
"""

import json
import re
import sys
from email.utils import parsedate_tz

#: id -> what the normalization does; the docs' parity page lists them
NORMALIZATIONS = {
    "N1": "header order and header-name case are ignored",
    "N2": "Date and Expires values are replaced by a placeholder when they "
    "are valid HTTP dates (they name the moment of the run)",
    "N3": "the session cookie's value is replaced by the session's "
    "contents, decoded by each application's own open_session",
    "N4": "a body that is Werkzeug's own error or redirect page on both "
    "sides is reduced to its <title>; its Content-Length and the "
    "charset parameter of its Content-Type are dropped; the same goes "
    "for the empty body of a HEAD answer with a 3xx-5xx status",
    "N5": "the Allow header is compared as a set of methods",
    "N6": "a static file's ETag is replaced by a placeholder (both encode "
    "the file's path checksum and mtime, each in its own format)",
    "N7": "an exception that reaches the WSGI server is compared by its "
    "type name, not its message (Python 2 and 3 word them apart)",
}

_WERKZEUG_PAGE = re.compile(
    r"^(<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3\.2 Final//EN\">|"
    r"<!doctype html>\n<html lang=en>)\n<title>(?P<title>[^<]+)</title>\n<h1>"
)


_HEAD = object()


def _bodiless_error(outcome):
    """A HEAD answer with an error or redirect status carries no page, but
    its Content-Length still counts the page a GET would have got (N4)."""
    try:
        status = int(outcome["status"].split()[0])
    except (ValueError, IndexError):
        return None  # a status line without a number is compared as it is
    if outcome["request"]["method"] == "HEAD" and status >= 300 and not outcome["body"]:
        return _HEAD
    return None


def _is_http_date(value):
    return parsedate_tz(value) is not None


def normalize(outcome, session_cookie="session"):
    """Return the comparable form of one outcome."""
    if "exception" in outcome:
        return {"exception": outcome["exception"]}  # N7
    body = outcome["body"]
    page = _WERKZEUG_PAGE.match(body) or _bodiless_error(outcome)
    headers = []
    for name, value in outcome["headers"]:
        lname = name.lower()  # N1
        if lname in ("date", "expires") and _is_http_date(value):
            value = "<http-date>"  # N2
        elif lname == "set-cookie" and value.startswith(session_cookie + "="):
            value = re.sub(r"^[^=]+=(\"[^\"]*\"|[^;]*)", session_cookie + "=<session>", value)  # N3
        elif lname == "allow":
            value = ", ".join(sorted(m.strip() for m in value.split(",")))  # N5
        elif lname == "etag" and value.strip('"').startswith("wzsdm-"):
            value = "<etag>"  # N6
        if page and lname == "content-length":
            continue  # N4
        if page and lname == "content-type":
            value = value.split(";")[0]  # N4
        headers.append((lname, value))
    if page is _HEAD:
        body = "<werkzeug page, not sent for HEAD>"  # N4
    elif page:
        body = "<werkzeug page: %s>" % page.group("title")  # N4
    return {
        "status": outcome["status"],
        "headers": sorted(headers),
        "body": body,
        "session": outcome.get("session"),
    }


def _static_charset(a, b):
    """D-static-charset: Werkzeug's static middleware now names the
    charset of text files.  Returns the pair with that one difference
    removed, or None when the responses are not static files."""
    etags = [dict(x.get("headers", ())).get("etag") for x in (a, b)]
    if etags != ["<etag>", "<etag>"]:
        return None
    headers = [
        (k, v.replace("; charset=utf-8", "") if k == "content-type" else v) for k, v in b["headers"]
    ]
    return a, dict(b, headers=headers)


#: deviations recognised without a tag, because they touch every request
#: of a kind; each is tried on a pair that differs, and counts only when
#: removing it leaves the pair identical
AUTOMATIC_DEVIATIONS = [("D-static-charset", _static_charset)]


def _automatic_deviation(a, b, register):
    for deviation, adjust in AUTOMATIC_DEVIATIONS:
        adjusted = adjust(a, b)
        if adjusted and adjusted[0] == adjusted[1] and deviation in register:
            return deviation
    return None


def describe(spec):
    path = spec["method"] + " " + spec["path"]
    return path + ("?" + spec["query"] if spec["query"] else "")


def compare(original, ours, register_ids):
    """Yield ``(scenario, request, verdict, detail)`` for every request."""
    for scenario in sorted(original):
        if scenario not in ours:
            yield scenario, "*", "FAIL", "missing from flask01's run"
            continue
        pairs = zip(original[scenario], ours[scenario])
        for left, right in pairs:
            spec = left["request"]
            a, b = normalize(left), normalize(right)
            deviation = spec.get("deviation")
            if deviation and deviation not in register_ids:
                yield (
                    scenario,
                    describe(spec),
                    "FAIL",
                    ("deviation %s is not in the register" % deviation),
                )
            elif deviation and a == b:
                yield (
                    scenario,
                    describe(spec),
                    "FAIL",
                    ("tagged %s but no longer differs: update the register" % deviation),
                )
            elif deviation:
                yield scenario, describe(spec), "DEVIATION", _difference(a, b, deviation)
            elif a != b and _automatic_deviation(a, b, register_ids):
                deviation = _automatic_deviation(a, b, register_ids)
                yield scenario, describe(spec), "DEVIATION", _difference(a, b, deviation)
            elif a != b:
                yield scenario, describe(spec), "FAIL", _difference(a, b, None)
            else:
                yield scenario, describe(spec), "same", ""


def _difference(a, b, deviation):
    lines = ["(%s)" % deviation] if deviation else []
    for key in ("exception", "status", "headers", "body", "session"):
        if a.get(key) != b.get(key):
            lines.append("  %s\n    original: %r\n    flask01:  %r" % (key, a.get(key), b.get(key)))
    return "\n".join(lines)


def register_ids(path):
    """The ids of the deviation register's rows (``.. _D-name:`` labels)."""
    with open(path, encoding="utf-8") as register:
        return set(re.findall(r"^\.\. _(D-[a-z0-9-]+):", register.read(), re.M))


def main(argv):
    original_path, ours_path, register_path = argv[1:4]
    with open(original_path) as f:
        original = json.load(f)
    with open(ours_path) as f:
        ours = json.load(f)
    ids = register_ids(register_path)
    counts = {"same": 0, "DEVIATION": 0, "FAIL": 0}
    for scenario, request, verdict, detail in compare(original, ours, ids):
        counts[verdict] += 1
        if verdict != "same":
            print("%-9s %s: %s\n%s" % (verdict, scenario, request, detail))
    print("normalizations: " + ", ".join(sorted(NORMALIZATIONS)))
    print(
        "parity: %d identical, %d documented deviations, %d different"
        % (counts["same"], counts["DEVIATION"], counts["FAIL"])
    )
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
