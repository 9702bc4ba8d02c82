"""Rendering templates with the application's Jinja2 environment.

The environment finds a template in the application's template folder
first, then in each blueprint's, so an application can override a
blueprint's template by putting one of the same name in its own folder.
"""

import jinja2
from jinja2 import BaseLoader, TemplateNotFound

from .globals import _app_ctx_stack, _request_ctx_stack, current_app
from .signals import before_render_template, template_rendered


class Environment(jinja2.Environment):
    """Jinja2's environment, knowing its application, and loading from the
    application and its blueprints unless given a loader of its own."""

    def __init__(self, app, **options):
        if "loader" not in options:
            options["loader"] = app.create_global_jinja_loader()
        super().__init__(**options)
        self.app = app


class DispatchingJinjaLoader(BaseLoader):
    """A loader that asks the application's loader, then each blueprint's
    (in registration order), and takes the first template found."""

    def __init__(self, app):
        self.app = app

    def _loaders(self):
        """``(loader, owner)`` for the application and each blueprint that
        has a template folder, in the order they are asked."""
        for owner in (self.app, *self.app.iter_blueprints()):
            loader = owner.jinja_loader
            if loader is not None:
                yield loader, owner

    def get_source(self, environment, template):
        if self.app.config["EXPLAIN_TEMPLATE_LOADING"]:
            return self._get_source_explained(environment, template)
        for loader, _ in self._loaders():
            try:
                return loader.get_source(environment, template)
            except TemplateNotFound:
                continue
        raise TemplateNotFound(template)

    def _get_source_explained(self, environment, template):
        """:meth:`get_source`, asking every loader and logging what each
        found (see :mod:`flask01.modern.debughelpers`)."""
        from .debughelpers import explain_template_loading_attempts

        attempts, found = [], None
        for loader, owner in self._loaders():
            try:
                result = loader.get_source(environment, template)
            except TemplateNotFound:
                result = None
            if found is None:
                found = result
            attempts.append((loader, owner, result))
        explain_template_loading_attempts(self.app, template, attempts)
        if found is None:
            raise TemplateNotFound(template)
        return found

    def list_templates(self):
        names = set()
        for loader, _ in self._loaders():
            names.update(loader.list_templates())
        return list(names)


def _default_template_ctx_processor():
    """Put ``g`` into every template, and ``request`` and ``session``
    when a request is handled."""
    rv = {}
    appctx = _app_ctx_stack.top
    if appctx is not None:
        rv["g"] = appctx.g
    reqctx = _request_ctx_stack.top
    if reqctx is not None:
        rv["request"] = reqctx.request
        rv["session"] = reqctx.session
    return rv


def _render(template, context):
    app = current_app._get_current_object()
    app.update_template_context(context)
    before_render_template.send(app, template=template, context=context)
    rv = template.render(context)
    template_rendered.send(app, template=template, context=context)
    return rv


def render_template(template_name_or_list, **context):
    """Render a template from the application's template folder.  Given
    a list of names, the first that exists is used.

    :param context: the template's variables; they win over what the
                    context processors add (in flask01 it was the other
                    way round)
    """
    template = current_app.jinja_env.get_or_select_template(template_name_or_list)
    return _render(template, context)


def render_template_string(source, **context):
    """Render a template given as Jinja2 source.  Autoescaping is on."""
    return _render(current_app.jinja_env.from_string(source), context)
