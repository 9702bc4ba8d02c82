"""
flask01._shared
~~~~~~~~~~~~~~~

What the two versions of flask01 have truly in common, kept here so that
neither reaches into the other's private names: :mod:`flask01` (the
faithful 0.1) and :mod:`flask01.modern` (the 2.1.3 architecture) both
import this module, and nothing else of each other's.

Two things are shared:

* :class:`Request`, the request class both build on.  It decodes the
  query string the way Werkzeug did from 0.6 up to 2.1 (bytes that are
  not UTF-8 become U+FFFD) and answers a request without a ``Cookie``
  header without walking the environ.
* :func:`memoized`, the cache that both session implementations put in
  front of itsdangerous, because building a serializer costs as much as
  checking a signature.
"""

import functools
import re
from urllib.parse import parse_qsl

from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest

#: the cookies of every request that sends none (immutable, so shareable)
_NO_COOKIES = ImmutableMultiDict()

#: a byte a client should have percent-encoded
_RAW_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _percent_encode_byte(match):
    return b"%%%02X" % match.group()[0]


class Request(_WerkzeugRequest):
    """Werkzeug's request, with the two changes both versions need.

    Neither adds state or undoes anything of Werkzeug's: they are two
    cached properties computed differently.
    """

    @cached_property
    def args(self):
        """The query string's parameters, decoded as Werkzeug 0.6 to 2.1
        did: bytes that are not UTF-8 become U+FFFD, escaped or not.

        Today's Werkzeug leaves an escaped bad byte escaped (``%FF``) and
        fails on a raw one with ``UnicodeDecodeError``, which a view
        reading ``request.args`` turned into a 500 for any client that
        sends one.  Raw bytes above ASCII are escaped first, so that one
        decoding step treats both spellings alike.
        """
        escaped = _RAW_HIGH_BYTE.sub(_percent_encode_byte, self.query_string).decode("ascii")
        pairs = parse_qsl(escaped, keep_blank_values=True, encoding="utf-8", errors="replace")
        return self.parameter_storage_class(pairs)

    @cached_property
    def cookies(self):
        """The request's cookies, as Werkzeug parses them.

        Every request opens its session, and opening it reads the
        cookies.  Werkzeug finds the ``Cookie`` header by walking the
        whole environ even when there is none, which made an absent
        header a fifth of the cost of a request context; a glance at the
        environ answers that case at once.
        """
        if "HTTP_COOKIE" not in self.environ:
            return _NO_COOKIES
        return _WerkzeugRequest.cookies.__get__(self, type(self))


def memoized(factory):
    """Wrap *factory* so that it builds one object per distinct set of
    arguments and hands out that object afterwards.

    Both session implementations sign with an itsdangerous serializer
    that depends only on the secret key and a few settings, and building
    one costs about a quarter of checking the signature it is made for.
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
