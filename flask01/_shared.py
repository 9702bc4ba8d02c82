"""
flask01._shared
~~~~~~~~~~~~~~~

What the two versions of flask01 have truly in common, kept here so that
neither reaches into the other's private names: :mod:`flask01` (the
faithful 0.1) and :mod:`flask01.modern` (the 2.1.3 architecture) both
import this module, and nothing else of each other's.

Six things are shared:

* :class:`Request`, the request class both build on.  It decodes the
  query string and urlencoded forms with :func:`decode_pairs`, so a byte
  that is not UTF-8 is never a 500 (U+FFFD in its place, as Werkzeug 2.1
  did; flask01's request drops it, as 0.6 did), and refuses JSON nested
  too deeply to parse with a 400.
* :func:`redirect`, Werkzeug's, with a target's control characters
  percent-encoded as Werkzeug 0.6 and 2.1 did, so that a CR or LF a
  client put into the target is not a 500.
* :class:`Response`, the response class both build on: Werkzeug's,
  made faster where a response has no headers yet.
* :func:`status_line`, the status line both made of a code.
* ``parse_etags``, the way Werkzeug 0.6 to 2.1 read entity tags.
* :func:`memoized`, the cache that both session implementations put in
  front of itsdangerous, because building a serializer costs a quarter
  to a third of checking a signature.
"""

import functools
import re
from urllib.parse import parse_qsl

import werkzeug.formparser
import werkzeug.utils
from werkzeug.datastructures import ETags, ImmutableMultiDict
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

#: the cookies of every request that sends none (immutable, so shareable)
_NO_COOKIES = ImmutableMultiDict()

#: a byte a client should have percent-encoded
_RAW_HIGH_BYTE = re.compile(rb"[\x80-\xff]")

#: an ASCII control character, which no URL holds unescaped
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def _percent_encode_byte(match):
    return b"%%%02X" % match.group()[0]


def escape_high_bytes(data):
    """*data*, bytes, as ASCII text with every byte above ASCII
    percent-encoded (``\xff`` becomes ``%FF``)."""
    return _RAW_HIGH_BYTE.sub(_percent_encode_byte, data).decode("ascii")


def decode_pairs(encoded, errors):
    """The ``(key, value)`` pairs of *encoded*, a query string or an
    urlencoded body as bytes, decoded as UTF-8 with *errors*
    (``"replace"``: U+FFFD for a byte that is not UTF-8; ``"ignore"``: drop
    it), whether the client escaped the byte (``%FF``) or sent it raw.

    Raw bytes above ASCII are escaped first, so that one decoding step
    treats both spellings alike: today's Werkzeug leaves an escaped bad
    byte escaped and fails on a raw one with ``UnicodeDecodeError``, which
    became a 500 for any client that sends one.
    """
    return parse_qsl(
        escape_high_bytes(encoded), keep_blank_values=True, encoding="utf-8", errors=errors
    )


class FormDataParser(werkzeug.formparser.FormDataParser):
    """Werkzeug's form parser, decoding an urlencoded body as the query
    string is decoded (:func:`decode_pairs`), with the request's
    ``url_decode_errors``."""

    #: set from the request by :meth:`Request.make_form_data_parser`
    decode_errors = "replace"

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        items = decode_pairs(stream.read(), self.decode_errors)
        return stream, self.cls(items), self.cls()


def _percent_encode_character(match):
    return f"%{ord(match.group()):02X}"


class Request(_WerkzeugRequest):
    """Werkzeug's request, with the changes both versions need.

    What it changes adds no state and undoes nothing of Werkzeug's: the
    query string's parameters (and an urlencoded form's) are decoded
    another way, JSON nested too deeply is one more error of the
    client's answered as one, and closing skips uploads never parsed.
    """

    #: how bytes of the query string and of an urlencoded form that are
    #: not UTF-8 are decoded: ``"replace"`` (U+FFFD), as Werkzeug 2.1 did
    url_decode_errors = "replace"

    form_data_parser_class = FormDataParser

    @cached_property
    def args(self):
        """The query string's parameters, decoded by :func:`decode_pairs`
        with :attr:`url_decode_errors`: a byte that is not UTF-8, escaped or
        not, is never a 500."""
        return self.parameter_storage_class(decode_pairs(self.query_string, self.url_decode_errors))

    def close(self):
        """Werkzeug's ``close``, which closes the uploaded files, skipped
        when the files were never parsed: flask01.modern closes every
        request it handled, and walking no files cost about a quarter of
        a microsecond, five times the check that skips it."""
        if "files" in self.__dict__:
            super().close()

    def make_form_data_parser(self):
        """Werkzeug's form parser, told how this request decodes bytes."""
        parser = super().make_form_data_parser()
        parser.decode_errors = self.url_decode_errors
        return parser

    def get_json(self, force=False, silent=False, cache=True):
        """Werkzeug's ``get_json``, for which JSON nested too deeply to
        parse is as bad as any other JSON that does not parse.

        Python's parser gives up on about a thousand levels of nesting
        with ``RecursionError``, which Werkzeug does not expect: 100 KB of
        ``[`` from any client was a 500.  Here it is the client's error
        like other malformed JSON: a 400 (or ``None`` with *silent*),
        through ``on_json_loading_failed`` as usual.
        """
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError as e:
            if silent:
                return None
            error = ValueError("The JSON is nested too deeply to parse.")
            error.__cause__ = e
            return self.on_json_loading_failed(error)


class Response(_WerkzeugResponse):
    """Werkzeug's response, which both versions make for every request
    (a view's text becomes one).

    Given no mimetype, no content type and no headers, Werkzeug looks for
    a ``Content-Type`` among the headers before it falls back to
    ``default_mimetype``; in the empty headers the search fails by
    raising and catching an exception, about 0.8 µs a response on the
    machine the benchmark ran on.  With nothing to search this class takes
    the default at once: the response is the same.
    """

    def __init__(
        self,
        response=None,
        status=None,
        headers=None,
        mimetype=None,
        content_type=None,
        direct_passthrough=False,
    ):
        if mimetype is None and content_type is None and not headers:
            mimetype = self.default_mimetype
        super().__init__(response, status, headers, mimetype, content_type, direct_passthrough)


#: one entity tag of an ``If-None-Match`` or ``If-Match`` header, as
#: Werkzeug 0.6 to 2.1 read it
_ETAG = re.compile(r'([Ww]/)?(?:"(.*?)"|(.*?))(?:\s*,\s*|$)')


def parse_etags(value):
    """The entity tags of *value* as Werkzeug 0.6 to 2.1 read them: an
    empty entry (``,``) is the empty tag, which today's Werkzeug skips,
    and ``*`` anywhere matches every tag.  Where the old loop made no
    progress (a lone line break) it appended empty tags until memory ran
    out; here it stops."""
    strong, weak, at = [], [], 0
    while value and at < len(value):
        match = _ETAG.match(value, at)
        if match is None:
            break
        is_weak, quoted, raw = match.groups()
        if raw == "*":
            return ETags(star_tag=True)
        (weak if is_weak else strong).append(quoted if quoted else raw)
        if match.end() == at:
            break
        at = match.end()
    return ETags(strong, weak)


def redirect(location, code=302, Response=None):
    """Werkzeug's :func:`~werkzeug.utils.redirect`, with the ASCII control
    characters of *location* percent-encoded (a line feed becomes
    ``%0A``).

    Werkzeug 0.6 and 2.1 encoded them, as part of turning the target into
    a URI; today's Werkzeug sets the target as it is, and a header value
    with CR or LF in it raises ``ValueError``.  A view that redirects to
    a target from the query string (``?next=``) was then a 500 for any
    client that put ``%0d%0a`` into it.  No URL holds a control
    character unescaped, so encoding them changes no valid target.
    """
    location = _CONTROL_CHARACTER.sub(_percent_encode_character, location)
    return werkzeug.utils.redirect(location, code, Response)


def _make_status_line(code):
    return f"{code:d} {HTTP_STATUS_CODES.get(code, 'unknown').upper()}"


#: the status lines of the codes Werkzeug knows, made once: every
#: response sets its status from a code
_STATUS_LINES = {code: _make_status_line(code) for code in HTTP_STATUS_CODES}


def status_line(code):
    """The status line Werkzeug 0.6 and 2.1 made of the number *code*: the
    code and its reason in capitals, ``UNKNOWN`` for a code they did not
    know (``"418 I'M A TEAPOT"``, ``"299 UNKNOWN"``)."""
    return _STATUS_LINES.get(code) or _make_status_line(code)


def memoized(factory):
    """Wrap *factory* so that it builds one object per distinct set of
    arguments and hands out that object afterwards.

    Both session implementations sign with an itsdangerous serializer
    that depends only on the secret key and a few settings, and building
    one costs a quarter to a third of checking the signature it is made
    for (2 µs against 7 to 9 µs, measured on 2026-11-29).
    Arguments that cannot be a cache key (a list of secret keys, which
    itsdangerous accepts for key rotation) build a fresh object each
    time instead.
    """
    cached = functools.lru_cache(maxsize=32)(factory)

    @functools.wraps(factory)
    def build(*args):
        try:
            return cached(*args)
        except TypeError:  # an unhashable argument
            return factory(*args)

    return build
