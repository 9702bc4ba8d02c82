"""Class-based views: a view written as a class, turned into the plain
function the URL map wants by :meth:`View.as_view`.

The routing system only knows functions: ``add_url_rule`` stores one
callable per endpoint and calls it with the URL's values.  A class is
the better shape when views share code (a base class with the lookups,
subclasses for each resource) or when one endpoint answers several
methods (:class:`MethodView`, a method of the class per HTTP method).
:meth:`View.as_view` bridges the two: it makes a function that, on
every request, creates an instance of the class and asks it to
dispatch.  A new instance per request means ``self`` is never shared
between requests or threads, so a view may keep per-request state on it.

This is Flask 2.1.3's module.  (Flask 2.2 added ``init_every_request``
to let one instance serve all requests; 2.1.3 always makes a new one.)
"""

from .globals import current_app, request

#: the method names :class:`MethodView` looks for, lower case as the
#: methods of a class are written
http_method_funcs = frozenset(["get", "post", "head", "options", "delete", "put", "trace", "patch"])


class View:
    """A view as a class: subclass it, implement :meth:`dispatch_request`,
    and register the function :meth:`as_view` makes::

        class ShowUser(View):
            methods = ["GET"]

            def __init__(self, template):
                self.template = template

            def dispatch_request(self, user_id):
                return render_template(self.template, user=load(user_id))

        app.add_url_rule(
            "/users/<int:user_id>",
            view_func=ShowUser.as_view("show_user", "user.html"),
        )

    The class attributes :attr:`methods` and
    :attr:`provide_automatic_options` are copied onto that function, where
    ``add_url_rule`` reads them as it reads them from any view function,
    so they need not be repeated when the rule is added.
    """

    #: the HTTP methods the view answers, as ``add_url_rule`` would take
    #: them; ``None`` leaves the choice to ``add_url_rule`` (``GET``)
    methods = None

    #: ``False`` to answer ``OPTIONS`` in the view instead of
    #: automatically, ``True`` to answer it automatically even when
    #: :attr:`methods` lists it; ``None`` decides by whether it is listed
    provide_automatic_options = None

    #: decorators applied to the function :meth:`as_view` makes, the first
    #: of the list innermost (as if written bottom up above a function).
    #: They are here because a decorator written above the class would
    #: wrap the class, not the view function the URL map calls.
    decorators = []

    def dispatch_request(self):
        """Answer the request; called with the URL's values as keyword
        arguments, and its return value is a view's return value.  A
        subclass must implement it."""
        raise NotImplementedError()

    @classmethod
    def as_view(cls, name, *class_args, **class_kwargs):
        """The view function for this class, to give to ``add_url_rule``.

        *name* is the function's ``__name__``, which ``add_url_rule``
        takes as the endpoint when none is given.  *class_args* and
        *class_kwargs* are passed to the class each time it is created,
        once per request, so that one class can serve several rules
        configured differently.

        The function keeps the class it was made from as ``view_class``,
        and creates that attribute's class, not the one it was made from:
        a test can put a subclass there.  It carries the class's
        docstring and module, so that a tool documenting the routes from
        their view functions finds the class's description.
        """

        def view(*args, **kwargs):
            self = view.view_class(*class_args, **class_kwargs)
            # ensure_sync: an async dispatch_request is run to its end
            return current_app.ensure_sync(self.dispatch_request)(*args, **kwargs)

        if cls.decorators:
            # decorators that copy the wrapped function's name and module
            # (functools.wraps) must see the view's own
            view.__name__ = name
            view.__module__ = cls.__module__
            for decorator in cls.decorators:
                view = decorator(view)

        # set on the outermost function: it is what the URL map calls and
        # what add_url_rule reads the methods from
        view.view_class = cls
        view.__name__ = name
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.methods = cls.methods
        view.provide_automatic_options = cls.provide_automatic_options
        return view


class MethodViewType(type):
    """The metaclass of :class:`MethodView`: when a class is created, it
    works out the class's :attr:`~View.methods` from the methods it has.

    A class that sets ``methods`` itself keeps it.  Otherwise ``methods``
    is the union of the ``methods`` of its direct bases and the upper-case
    names of the HTTP methods it implements or inherits (``get`` gives
    ``GET``).  A class that ends up with none (:class:`MethodView` itself)
    keeps ``None``.
    """

    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        if "methods" in namespace:
            return
        methods = set()
        for base in bases:
            methods.update(getattr(base, "methods", None) or ())
        methods.update(key.upper() for key in http_method_funcs if hasattr(cls, key))
        if methods:
            cls.methods = methods


class MethodView(View, metaclass=MethodViewType):
    """A view that answers each HTTP method with the method of the same
    name, lower case::

        class Counter(MethodView):
            def get(self):
                return str(session.get("count", 0))

            def post(self):
                session["count"] = session.get("count", 0) + 1
                return "OK"

        app.add_url_rule("/count", view_func=Counter.as_view("count"))

    The rule then allows ``GET`` and ``POST`` (see
    :class:`MethodViewType`), and ``HEAD`` is answered by ``get`` unless
    the class has a ``head`` of its own.
    """

    def dispatch_request(self, *args, **kwargs):
        """Call the method named after the request's method with the
        URL's values."""
        method = getattr(self, request.method.lower(), None)
        # A rule that allows GET allows HEAD too; without a head method
        # the response of get is sent without its body.
        if method is None and request.method == "HEAD":
            method = getattr(self, "get", None)
        assert method is not None, f"Unimplemented method {request.method!r}"
        return current_app.ensure_sync(method)(*args, **kwargs)
