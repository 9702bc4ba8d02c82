"""Request specifications for the parity scenarios.

A scenario lists the requests it makes as plain dicts built by the helpers
below.  The same list is replayed, byte for byte, against the original
Flask 0.1 on Python 2.7 and against flask01, so this module keeps to the
Python both versions understand.
"""


def request(
    method,
    path,
    query="",
    headers=(),
    body=b"",
    content_type=None,
    cookies=None,
    deviation=None,
    note=None,
):
    """One request of a scenario.

    :param path: the URL path as a client would send it, percent-encoding
                 and all; the driver decodes it into ``PATH_INFO``
    :param query: the raw query string, without the ``?``
    :param headers: extra ``(name, value)`` pairs
    :param cookies: a dict of cookies to send *instead of* the jar's
    :param deviation: the id of the deviation register row that says why
                      this response is expected to differ
    :param note: what the request checks, shown in the parity report
    """
    return dict(
        method=method,
        path=path,
        query=query,
        headers=list(headers),
        body=body,
        content_type=content_type,
        cookies=cookies,
        deviation=deviation,
        note=note,
    )


def get(path, **kwargs):
    return request("GET", path, **kwargs)


def head(path, **kwargs):
    return request("HEAD", path, **kwargs)


def post(path, form=None, files=None, **kwargs):
    """A POST; *form* is a list of ``(name, value)`` pairs and *files* a
    list of ``(name, filename, content)`` triples (multipart when given)."""
    if files:
        body, content_type = _multipart(form or [], files)
    elif form is not None:
        body = _urlencode(form).encode("ascii")
        content_type = "application/x-www-form-urlencoded"
    else:
        body, content_type = kwargs.pop("body", b""), kwargs.pop("content_type", None)
    return request("POST", path, body=body, content_type=content_type, **kwargs)


def _quote(text):
    safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
    data = text.encode("utf-8") if not isinstance(text, bytes) else text
    out = []
    for byte in bytearray(data):
        char = chr(byte)
        if char in safe:
            out.append(char)
        elif char == " ":
            out.append("+")
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def _urlencode(pairs):
    return "&".join("%s=%s" % (_quote(k), _quote(v)) for k, v in pairs)


BOUNDARY = "----flask01-parity-boundary"


def _multipart(form, files):
    lines = []
    for name, value in form:
        lines.append(
            ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (BOUNDARY, name)).encode(
                "ascii"
            )
            + value.encode("utf-8")
        )
    for name, filename, content in files:
        lines.append(
            (
                '--%s\r\nContent-Disposition: form-data; name="%s"; '
                'filename="%s"\r\nContent-Type: application/octet-stream'
                "\r\n\r\n" % (BOUNDARY, name, filename)
            ).encode("ascii")
            + content
        )
    body = b"\r\n".join(lines) + ("\r\n--%s--\r\n" % BOUNDARY).encode("ascii")
    return body, "multipart/form-data; boundary=%s" % BOUNDARY
