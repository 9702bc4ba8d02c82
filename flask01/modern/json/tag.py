"""Tagged JSON: JSON that gives back the types it was given.

The session cookie has to hold more than JSON can say.  Written as
plain JSON, a tuple comes back a list, bytes cannot be written at all,
and a datetime becomes a string nobody turns back.  The serializer here
writes each such value as a one-key object whose key names its type,
the *tag*, and reads it back into that type::

    (1, 2)            ->  {" t": [1, 2]}
    b"\\xff"           ->  {" b": "/w=="}
    Markup("<b>")     ->  {" m": "<b>"}

A tag starts with a space, which an ordinary key rarely does.  Should a
dict happen to have a single key that is a tag (``{" t": "x"}``), the
dict itself is tagged ``" di"`` and its key is written with two
underscores after it, so that it cannot be read as the tag.

Which types are tagged is open: a :class:`JSONTag` subclass says how to
recognise a value, what to write for it and how to read it back, and
:meth:`TaggedJSONSerializer.register` adds it.  The tags, their keys and
the way they are written are Flask 2.1.3's, so a cookie written by
Flask is read by flask01.modern and the other way round.  For example, a
tag for :class:`collections.OrderedDict` (which must come before the
plain dict's, since an ``OrderedDict`` is a dict too)::

    class TagOrderedDict(JSONTag):
        __slots__ = ()
        key = " od"

        def check(self, value):
            return isinstance(value, OrderedDict)

        def to_json(self, value):
            return [[k, self.serializer.tag(v)] for k, v in value.items()]

        def to_python(self, value):
            return OrderedDict(value)

    app.session_interface.serializer.register(TagOrderedDict, index=0)
"""

from base64 import b64decode, b64encode
from datetime import datetime
from uuid import UUID

from markupsafe import Markup
from werkzeug.http import http_date, parse_date

from . import dumps, loads


class JSONTag:
    """One kind of value the :class:`TaggedJSONSerializer` knows.

    A subclass sets :attr:`key` and implements :meth:`check`,
    :meth:`to_json` and :meth:`to_python`.  An instance belongs to one
    serializer, available as ``self.serializer``, so that a tag for a
    container can tag the values inside it too.
    """

    # Tags are made once per serializer but consulted for every value
    # written; slots keep them small and their attributes quick to read.
    __slots__ = ("serializer",)

    #: the key that marks a value as this tag's; ``None`` for a tag that
    #: only rewrites a value's contents and leaves no mark (dicts, lists)
    key = None

    def __init__(self, serializer):
        self.serializer = serializer

    def check(self, value):
        """Whether this tag handles *value*."""
        raise NotImplementedError

    def to_json(self, value):
        """*value* as something plain JSON can hold; the tag's mark is
        put around it afterwards by :meth:`tag`."""
        raise NotImplementedError

    def to_python(self, value):
        """The value that :meth:`to_json` wrote as *value* (the mark
        already taken off)."""
        raise NotImplementedError

    def tag(self, value):
        """*value* written and marked: ``{key: to_json(value)}``."""
        return {self.key: self.to_json(value)}


class TagDict(JSONTag):
    """A dict whose only key is a tag's key, which would otherwise be
    read back as that tag.  Its key is written with ``"__"`` after it,
    and the two underscores are taken off when it is read."""

    __slots__ = ()
    key = " di"

    def check(self, value):
        return (
            isinstance(value, dict)
            and len(value) == 1
            and next(iter(value)) in self.serializer.tags
        )

    def to_json(self, value):
        ((key, item),) = value.items()
        return {key + "__": self.serializer.tag(item)}

    def to_python(self, value):
        ((key, item),) = value.items()
        return {key[:-2]: item}


class PassDict(JSONTag):
    """Any other dict: it stays a dict, and its values are tagged.  Its
    keys are left alone, since JSON keys can only be strings anyway."""

    __slots__ = ()

    def check(self, value):
        return isinstance(value, dict)

    def to_json(self, value):
        return {key: self.serializer.tag(item) for key, item in value.items()}

    # nothing to mark: a dict is already JSON
    tag = to_json


class TagTuple(JSONTag):
    """A tuple, written as the list of its (tagged) items."""

    __slots__ = ()
    key = " t"

    def check(self, value):
        return isinstance(value, tuple)

    def to_json(self, value):
        return [self.serializer.tag(item) for item in value]

    def to_python(self, value):
        return tuple(value)


class PassList(JSONTag):
    """A list: it stays a list, and its items are tagged."""

    __slots__ = ()

    def check(self, value):
        return isinstance(value, list)

    def to_json(self, value):
        return [self.serializer.tag(item) for item in value]

    tag = to_json


class TagBytes(JSONTag):
    """Bytes, written in base64: JSON strings hold text, not bytes."""

    __slots__ = ()
    key = " b"

    def check(self, value):
        return isinstance(value, bytes)

    def to_json(self, value):
        return b64encode(value).decode("ascii")

    def to_python(self, value):
        return b64decode(value)


class TagMarkup(JSONTag):
    """Anything with an ``__html__`` method, written as the HTML it
    gives, and always read back as :class:`~markupsafe.Markup`: text
    that was safe HTML when it was stored stays safe, instead of being
    escaped a second time when a template shows it."""

    __slots__ = ()
    key = " m"

    def check(self, value):
        return callable(getattr(value, "__html__", None))

    def to_json(self, value):
        return str(value.__html__())

    def to_python(self, value):
        return Markup(value)


class TagUUID(JSONTag):
    """A UUID, written as its 32 hexadecimal digits."""

    __slots__ = ()
    key = " u"

    def check(self, value):
        return isinstance(value, UUID)

    def to_json(self, value):
        return value.hex

    def to_python(self, value):
        return UUID(value)


class TagDateTime(JSONTag):
    """A datetime, written as an HTTP date and read back as an aware
    datetime in UTC.  The format has whole seconds: microseconds are
    lost, and a naive datetime is taken to be UTC."""

    __slots__ = ()
    key = " d"

    def check(self, value):
        return isinstance(value, datetime)

    def to_json(self, value):
        return http_date(value)

    def to_python(self, value):
        return parse_date(value)


class TaggedJSONSerializer:
    """Compact JSON that gives back dicts, tuples, bytes,
    :class:`~markupsafe.Markup`, UUIDs and datetimes as they were.

    It is the serializer the session interface hands to itsdangerous,
    which signs what :meth:`dumps` writes; anything with the same
    ``dumps`` and ``loads`` can replace it.

    The tags are tried in ``order``, and the first whose ``check``
    accepts a value writes it.  Order matters where one kind of value is
    also another: the dict whose key looks like a tag must be caught
    before any other dict.
    """

    __slots__ = ("tags", "order")

    #: the tag classes every new serializer starts with, in this order
    default_tags = [
        TagDict,
        PassDict,
        TagTuple,
        PassList,
        TagBytes,
        TagMarkup,
        TagUUID,
        TagDateTime,
    ]

    def __init__(self):
        #: the tags that mark values, by key, for reading them back
        self.tags = {}
        #: every tag, in the order they are tried when writing
        self.order = []
        for tag_class in self.default_tags:
            self.register(tag_class)

    def register(self, tag_class, force=False, index=None):
        """Add a tag: an instance of *tag_class* bound to this serializer.

        A key already in use raises ``KeyError``, unless *force* replaces
        the tag that had it.  The tag is tried last, or at position
        *index* of ``order`` (``0`` to be tried first, for a type
        that is a special case of one already known).
        """
        tag = tag_class(self)
        if tag.key is not None:
            if tag.key in self.tags and not force:
                raise KeyError(f"Tag '{tag.key}' is already registered.")
            self.tags[tag.key] = tag
        if index is None:
            self.order.append(tag)
        else:
            self.order.insert(index, tag)

    def tag(self, value):
        """*value* with every value JSON cannot hold replaced by its tag;
        a value no tag checks is returned as it is."""
        for tag in self.order:
            if tag.check(value):
                return tag.tag(value)
        return value

    def untag(self, value):
        """The value a decoded JSON object stands for: the tagged value
        when it is a one-key object whose key is a known tag, else the
        object itself.

        Used as the decoder's ``object_hook``, it is called for the
        innermost objects first, so a tag's contents are already read
        back when the tag is.
        """
        if len(value) != 1:
            return value
        ((key, data),) = value.items()
        tag = self.tags.get(key)
        return value if tag is None else tag.to_python(data)

    def dumps(self, value):
        """*value* tagged and written as JSON without spaces: a cookie is
        small, and every byte of it travels with every request."""
        return dumps(self.tag(value), separators=(",", ":"))

    def loads(self, value):
        """The value :meth:`dumps` wrote as the JSON text *value*."""
        return loads(value, object_hook=self.untag)
