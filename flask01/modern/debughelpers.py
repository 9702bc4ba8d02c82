"""Explanations for mistakes that are hard to see from the outside.

A template that cannot be found is the usual one: the application and
each blueprint have a template folder, the loader asks them in turn, and
the ``TemplateNotFound`` says only which name was missing.  With
``EXPLAIN_TEMPLATE_LOADING`` set, the loader logs every folder it tried
and what it found there.  In debug mode two more mistakes are explained
instead of being a bare 400 or a redirect that loses a form: a file
field of a form sent without ``enctype="multipart/form-data"``, and a
redirect that would make the browser drop a POST body.
"""

from jinja2.loaders import FileSystemLoader

from .globals import _request_ctx_stack


def _describe_loader(loader):
    """The lines that say what *loader* is and where it looks."""
    cls = type(loader)
    lines = [f"class: {cls.__module__}.{cls.__name__}"]
    if isinstance(loader, FileSystemLoader):
        lines.append(f"encoding: {loader.encoding!r}")
        lines.append(f"followlinks: {loader.followlinks!r}")
        lines.append("searchpath:")
        lines.extend(f"  - {path}" for path in loader.searchpath)
    return lines


def explain_template_loading_attempts(app, template, attempts):
    """Log, on *app*'s logger, how the template *template* was looked
    for: *attempts* holds ``(loader, owner, result)`` for each folder
    tried, where *owner* is the application or a blueprint and *result*
    the ``get_source`` triple, or ``None`` when nothing was found."""
    lines = [f"Locating template {template!r}:"]
    matches = 0
    for number, (loader, owner, result) in enumerate(attempts, start=1):
        if owner is app:
            what = f"application {owner.import_name!r}"
        else:
            what = f"blueprint {owner.name!r} ({owner.import_name})"
        lines.append(f"{number:5}: trying loader of {what}")
        lines.extend(f"       {line}" for line in _describe_loader(loader))
        if result is None:
            lines.append("       -> no match")
        else:
            lines.append(f"       -> found ({result[1] or '<string>'!r})")
            matches += 1

    if matches == 0:
        lines.append("Error: the template could not be found.")
    elif matches > 1:
        lines.append("Warning: multiple loaders returned a match for the template.")

    reqctx = _request_ctx_stack.top
    blueprint = reqctx.request.blueprint if reqctx is not None else None
    if matches == 0 and blueprint is not None:
        lines.append(
            f"  The template was looked up from an endpoint that belongs to the "
            f"blueprint {blueprint!r}."
        )
        lines.append("  Maybe you did not place a template in the right folder?")
        lines.append("  See https://flask.palletsprojects.com/blueprints/#templates")

    app.logger.info("\n".join(lines))


class DebugFilesKeyError(KeyError, AssertionError):
    """What ``request.files[key]`` raises in debug mode when the form was
    not sent as ``multipart/form-data``: the browser then sends only the
    file's *name*, as an ordinary field, and the usual ``KeyError`` (a
    400) hides why.  This one says to add ``enctype`` to the form."""

    def __init__(self, request, key):
        message = (
            f"You tried to access the file {key!r} in the request.files dictionary "
            "but it does not exist. The mimetype for the request is "
            f"{request.mimetype!r} instead of 'multipart/form-data' which means that "
            "no file contents were transmitted. To fix this error you should provide "
            'enctype="multipart/form-data" in your form.'
        )
        names = request.form.getlist(key)
        if names:
            submitted = ", ".join(repr(name) for name in names)
            message += (
                "\n\nThe browser instead transmitted some file names. "
                f"This was submitted: {submitted}"
            )
        self.msg = message

    def __str__(self):
        return self.msg


class FormDataRoutingRedirect(AssertionError):
    """Raised in debug mode instead of a redirect that would make the
    browser drop a form: one whose code is neither 307 nor 308, for a
    request that is not GET, HEAD or OPTIONS.  With today's Werkzeug the
    slash redirect is a 308, so only a custom redirect rule gets here."""

    def __init__(self, request):
        redirect = request.routing_exception
        message = (
            f"A request was sent to '{request.url}', but routing issued a redirect "
            f"to the canonical URL '{redirect.new_url}'."
        )
        if f"{request.base_url}/" == redirect.new_url.partition("?")[0]:
            message += (
                " The URL was defined with a trailing slash. Flask will redirect to "
                "the URL with a trailing slash if it was accessed without one."
            )
        message += (
            " Send requests to the canonical URL, or use 307 or 308 for routing "
            "redirects. Otherwise, browsers will drop form data.\n\n"
            "This exception is only raised in debug mode."
        )
        super().__init__(message)


def attach_enctype_error_multidict(request):
    """Make ``request.files[key]`` raise :class:`DebugFilesKeyError` for a
    key the form has as a plain field.  The files' class is swapped for a
    subclass, under the same name, so nothing else changes."""
    base = request.files.__class__

    class FilesExplainingEnctype(base):
        def __getitem__(self, key):
            try:
                return super().__getitem__(key)
            except KeyError as e:
                if key not in request.form:
                    raise
                raise DebugFilesKeyError(request, key).with_traceback(e.__traceback__) from None

    FilesExplainingEnctype.__name__ = base.__name__
    FilesExplainingEnctype.__module__ = base.__module__
    request.files.__class__ = FilesExplainingEnctype
