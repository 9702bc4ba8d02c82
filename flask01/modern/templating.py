"""Rendering templates with the application's Jinja2 environment."""

from .globals import _app_ctx_stack, _request_ctx_stack, current_app
from .signals import before_render_template, template_rendered


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
