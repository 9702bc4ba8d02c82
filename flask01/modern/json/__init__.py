"""JSON with the application's settings: ``flask01.modern.json``.

The standard library's :mod:`json` knows nothing of an application, so
every place that turns data into JSON or back
(:func:`~flask01.modern.jsonify`, the ``|tojson`` template filter,
:meth:`Request.get_json <werkzeug.wrappers.Request.get_json>`,
``response.json``, the test client's ``json=``) goes through the four
functions here instead.  They
take the same arguments as the standard library's and fill in what the
caller left out from the application that is active (or the one passed
as ``app=``):

* the encoder and decoder classes, :attr:`Flask.json_encoder
  <flask01.modern.Flask.json_encoder>` and ``json_decoder``, or those of
  the blueprint handling the request when it sets its own;
* ``ensure_ascii`` from ``JSON_AS_ASCII`` and ``sort_keys`` from
  ``JSON_SORT_KEYS``.

One override point therefore changes JSON everywhere, which is what an
application that wants to send, say, its own model objects needs.  Outside
any application the functions still work, with :class:`JSONEncoder` and
sorted keys.

This is Flask 2.1.3's module.  Flask 2.2 moved all of it into a "JSON
provider" object (``app.json``) and deprecated the class attributes and
config keys; flask01.modern keeps the older design, the one 2.1.3's
applications were written against.
"""

import dataclasses
import decimal
import json as _json
import uuid
from datetime import date

from jinja2.utils import htmlsafe_json_dumps as _htmlsafe_json_dumps
from werkzeug.http import http_date

from ..globals import current_app, request


class JSONEncoder(_json.JSONEncoder):
    """The encoder :func:`dumps` uses unless the application names another.

    The standard library's encoder refuses anything that is not a dict,
    list, string, number, boolean or ``None``.  Web applications keep
    meeting a few more types, so this one also writes:

    * :class:`~datetime.date` and :class:`~datetime.datetime` as HTTP dates
      (``"Sun, 01 Jan 2017 12:34:56 GMT"``, an aware datetime converted to
      GMT, a naive one taken as UTC): the format of HTTP headers, which
      JavaScript's ``Date`` reads too;
    * :class:`~decimal.Decimal` and :class:`~uuid.UUID` as strings, so that
      no digit of a decimal is lost to a float;
    * a dataclass instance as the dict :func:`dataclasses.asdict` makes;
    * anything with an ``__html__`` method (:class:`~markupsafe.Markup`) as
      the string that method returns.

    To add a type, subclass it, handle the type in :meth:`default` and
    call this class's ``default`` for the rest; then set the subclass as
    ``app.json_encoder``.
    """

    def default(self, o):
        """A JSON-able stand-in for *o*, which plain JSON cannot hold.

        The encoder calls this only for values it does not know; ``str``,
        ``list`` and the other plain types never get here, so they cannot
        be given another form by overriding it.
        """
        # datetime is a subclass of date: one check covers both
        if isinstance(o, date):
            return http_date(o)
        if isinstance(o, (decimal.Decimal, uuid.UUID)):
            return str(o)
        # also true of a dataclass's class, for which asdict raises a
        # TypeError, as Flask 2.1.3's encoder did
        if dataclasses.is_dataclass(o):
            return dataclasses.asdict(o)
        if hasattr(o, "__html__"):
            return str(o.__html__())
        return super().default(o)


class JSONDecoder(_json.JSONDecoder):
    """The decoder :func:`loads` uses unless the application names another.

    It decodes exactly as the standard library does (nothing says a
    string was a date, so nothing is turned back).  It exists as the class
    to subclass: one that passes an ``object_hook``, set as
    ``app.json_decoder``, changes how every request body is read.
    """


def _app_or_current(app):
    """*app*, else the active application, else ``None``.

    ``current_app`` is a proxy that is false when no application context
    is pushed, so a bare ``if`` tells whether there is one.
    """
    if app is not None:
        return app
    return current_app._get_current_object() if current_app else None


def _blueprint_setting(app, attribute):
    """The blueprint handling the current request's own ``json_encoder``
    or ``json_decoder``, or ``None`` when it sets none (or there is no
    request, or no blueprint).

    The blueprint is found by the request's (dotted) blueprint name in
    ``app.blueprints``, where registration puts it under that name.
    """
    if not request:
        return None
    blueprint = app.blueprints.get(request.blueprint)
    return getattr(blueprint, attribute, None)


def _dump_arg_defaults(kwargs, app=None):
    """Fill in the arguments of :func:`json.dumps` the caller left out."""
    app = _app_or_current(app)
    if app is None:
        kwargs.setdefault("cls", JSONEncoder)
        kwargs.setdefault("sort_keys", True)
        return
    encoder = _blueprint_setting(app, "json_encoder") or app.json_encoder
    kwargs.setdefault("cls", encoder)
    kwargs.setdefault("ensure_ascii", app.config["JSON_AS_ASCII"])
    kwargs.setdefault("sort_keys", app.config["JSON_SORT_KEYS"])


def _load_arg_defaults(kwargs, app=None):
    """Fill in the arguments of :func:`json.loads` the caller left out.

    Only a decoder that differs from the standard one is passed: with
    ``cls`` unset the standard library uses its ready-made decoder
    instead of building a new one for every call.
    """
    app = _app_or_current(app)
    if app is None:
        return
    decoder = _blueprint_setting(app, "json_decoder") or app.json_decoder
    if decoder not in (JSONDecoder, _json.JSONDecoder):
        kwargs.setdefault("cls", decoder)


def dumps(obj, app=None, **kwargs):
    """*obj* as a string of JSON.

    The arguments are those of :func:`json.dumps`; the encoder class,
    ``ensure_ascii`` and ``sort_keys`` default to the settings of *app*,
    or of the active application when *app* is not given (see the module's
    description).  Passing *app* lets code that has an application but no
    context, a command or a test, use its settings.
    """
    _dump_arg_defaults(kwargs, app=app)
    return _json.dumps(obj, **kwargs)


def dump(obj, fp, app=None, **kwargs):
    """Write *obj* as JSON to the text file *fp*, with the defaults of
    :func:`dumps`."""
    _dump_arg_defaults(kwargs, app=app)
    _json.dump(obj, fp, **kwargs)


def loads(s, app=None, **kwargs):
    """The value the JSON text *s* holds; *s* may also be bytes in UTF-8
    (or UTF-16 or 32), as a request body is.

    The arguments are those of :func:`json.loads`; the decoder class
    defaults to the one of *app*, or of the active application.
    """
    _load_arg_defaults(kwargs, app=app)
    return _json.loads(s, **kwargs)


def load(fp, app=None, **kwargs):
    """The value the JSON in the file *fp* holds, with the defaults of
    :func:`loads`."""
    _load_arg_defaults(kwargs, app=app)
    return _json.load(fp, **kwargs)


def htmlsafe_dumps(obj, **kwargs):
    """*obj* as JSON that can be put inside HTML, marked safe.

    JSON placed in a ``<script>`` element could end it early: the text
    ``</script>`` inside a string closes the element whatever the quotes
    say.  Jinja's ``htmlsafe_json_dumps`` writes ``<``,
    ``>``, ``&`` and ``'`` as ``\\u`` escapes, which JavaScript reads
    back as the same characters; it is given :func:`dumps`, so the
    application's encoder and settings apply.  The result is
    :class:`~markupsafe.Markup`, so a template does not escape it again.

    It is safe in a ``<script>`` element and in single-quoted attributes,
    not in double-quoted ones (the JSON's own ``"`` would end them).
    Templates have it as the ``|tojson`` filter.
    """
    return _htmlsafe_json_dumps(obj, dumps=dumps, **kwargs)


def htmlsafe_dump(obj, fp, **kwargs):
    """Write :func:`htmlsafe_dumps` of *obj* to the text file *fp*."""
    fp.write(htmlsafe_dumps(obj, **kwargs))


def jsonify(*args, **kwargs):
    """A response whose body is the arguments as JSON, with the
    ``JSONIFY_MIMETYPE`` (``application/json``).

    The arguments are the data, not options of
    :func:`~flask01.modern.json.dumps`:

    * one positional argument is sent as it is (``jsonify([1, 2])``);
    * several are sent as a list (``jsonify(1, 2)`` is ``[1,2]``);
    * keyword arguments are sent as an object (``jsonify(id=1)`` is
      ``{"id":1}``);
    * both at once is a ``TypeError``: there is no one obvious way to
      merge them.

    The JSON is compact, as it is for programs; in debug mode, or with
    ``JSONIFY_PRETTYPRINT_REGULAR``, it is indented by two spaces for a
    person reading it.  Either way it ends with a newline, so that a
    terminal prompt after ``curl`` starts on a line of its own.

    A view may also just return a dict: the application calls this
    function for it.
    """
    app = current_app
    indent, separators = None, (",", ":")
    if app.config["JSONIFY_PRETTYPRINT_REGULAR"] or app.debug:
        # ", " and not ",": every line of a list or object but its last
        # ends in a space, as in Flask 2.1.3, so the bodies are the same
        indent, separators = 2, (", ", ": ")
    if args and kwargs:
        raise TypeError("jsonify() behavior undefined when passed both args and kwargs")
    data = args[0] if len(args) == 1 else (args or kwargs)
    return app.response_class(
        f"{dumps(data, indent=indent, separators=separators)}\n",
        mimetype=app.config["JSONIFY_MIMETYPE"],
    )
