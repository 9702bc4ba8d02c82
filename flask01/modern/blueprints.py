"""Blueprints: pieces of an application, written before it exists.

A blueprint takes the same decorators as an application, but it has no
URL map and handles no request.  It *records* what each decorator asks
for, as a function to call later, and :meth:`Blueprint.register` calls
those functions against an application, with the options of that one
registration (a URL prefix, a subdomain, a name).  The same blueprint
may be registered on several applications, or twice on one under two
names, and blueprints may be nested.

After registration nothing of the blueprint is consulted again: its
views, hooks and error handlers were copied into the application's
registries under the blueprint's dotted name (``"admin"``,
``"admin.users"`` for a nested one), and a request finds them there
through ``request.blueprints``.
"""

from collections import defaultdict
from functools import update_wrapper

from .scaffold import Scaffold, _decorator_for, _endpoint_from_view_func, _sentinel, setupmethod


class BlueprintSetupState:
    """One registration of a blueprint on an application: what the
    recorded functions are called with.

    It resolves the registration's options against the blueprint's own
    defaults once, so that every recorded :meth:`add_url_rule` uses the
    same prefix, subdomain, name and URL defaults.
    """

    def __init__(self, blueprint, app, options, first_registration):
        #: the application the blueprint is being registered on
        self.app = app
        #: the blueprint being registered
        self.blueprint = blueprint
        #: the keyword arguments given to ``register_blueprint``
        self.options = options
        #: whether this blueprint was not registered on *app* before, for
        #: functions that must run once (see :meth:`Blueprint.record_once`)
        self.first_registration = first_registration

        subdomain = options.get("subdomain")
        #: the subdomain the blueprint's rules match, or ``None``
        self.subdomain = blueprint.subdomain if subdomain is None else subdomain

        url_prefix = options.get("url_prefix")
        #: the prefix of every rule the blueprint adds, or ``None``
        self.url_prefix = blueprint.url_prefix if url_prefix is None else url_prefix

        #: the name of this registration (``name=`` renames it)
        self.name = options.get("name", blueprint.name)
        #: the dotted name of the blueprint this one is nested in, or ``""``
        self.name_prefix = options.get("name_prefix", "")

        #: values added to the defaults of every rule the blueprint adds
        self.url_defaults = dict(blueprint.url_values_defaults)
        self.url_defaults.update(options.get("url_defaults", ()))

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        """Add *rule* to the application, under the prefix, for the
        subdomain and with the defaults of this registration; the endpoint
        is prefixed with the blueprint's dotted name."""
        if self.url_prefix is not None:
            if rule:
                rule = "/".join((self.url_prefix.rstrip("/"), rule.lstrip("/")))
            else:
                rule = self.url_prefix
        options.setdefault("subdomain", self.subdomain)
        if endpoint is None:
            endpoint = _endpoint_from_view_func(view_func)
        defaults = self.url_defaults
        if "defaults" in options:
            defaults = dict(defaults, **options.pop("defaults"))
        self.app.add_url_rule(
            rule,
            f"{self.name_prefix}.{self.name}.{endpoint}".lstrip("."),
            view_func,
            defaults=defaults,
            **options,
        )


class Blueprint(Scaffold):
    """A set of views, hooks, templates and static files to register on an
    application::

        admin = Blueprint("admin", __name__, url_prefix="/admin")

        @admin.route("/")
        def index():
            return "admin home"

        app.register_blueprint(admin)
        # url_for("admin.index") == "/admin/"

    :param name: the blueprint's name, the prefix of its endpoints; no dots
    :param import_name: its module, usually ``__name__``; the folder of
                        its templates and static files
    :param static_folder: its own static files, served under
                          ``static_url_path`` (by default only when the
                          blueprint has a ``url_prefix``, since the
                          application's static route comes first)
    :param template_folder: its own templates, searched after the
                            application's
    :param url_prefix: the prefix of every rule it adds
    :param subdomain: the subdomain its rules match
    :param url_defaults: values added to the defaults of its rules
    :param root_path: the folder the other paths are relative to, where
                      the import name cannot tell it
    :param cli_group: the name of its command group; ``None`` adds its
                      commands to the application's group directly
    """

    #: A blueprint changed after its registration warns; Flask 2.1.3
    #: left that off, and so does flask01.modern.
    warn_on_modifications = False
    _got_registered_once = False

    #: the JSON encoder and decoder classes for this blueprint's views,
    #: instead of the application's; ``None`` uses the application's
    json_encoder = None
    json_decoder = None

    def __init__(
        self,
        name,
        import_name,
        static_folder=None,
        static_url_path=None,
        template_folder=None,
        url_prefix=None,
        subdomain=None,
        url_defaults=None,
        root_path=None,
        cli_group=_sentinel,
    ):
        super().__init__(
            import_name=import_name,
            static_folder=static_folder,
            static_url_path=static_url_path,
            template_folder=template_folder,
            root_path=root_path,
        )
        if "." in name:
            raise ValueError("'name' may not contain a dot '.' character.")
        self.name = name
        self.url_prefix = url_prefix
        self.subdomain = subdomain
        #: what the decorators recorded, called at each registration
        self.deferred_functions = []
        self.url_values_defaults = {} if url_defaults is None else url_defaults
        self.cli_group = cli_group
        self._blueprints = []

    def _is_setup_finished(self):
        return self.warn_on_modifications and self._got_registered_once

    # -- recording --------------------------------------------------------

    def record(self, func):
        """Record *func* to be called with a :class:`~flask01.modern.blueprints.BlueprintSetupState`
        each time the blueprint is registered."""
        if self._got_registered_once and self.warn_on_modifications:
            from warnings import warn

            warn(
                Warning(
                    "The blueprint was already registered once but is getting "
                    "modified now.  These changes will not show up."
                ),
                stacklevel=2,
            )
        self.deferred_functions.append(func)

    def record_once(self, func):
        """:meth:`record`, but *func* runs only at the blueprint's first
        registration on an application (a template filter need not be
        added twice)."""

        def wrapper(state):
            if state.first_registration:
                func(state)

        return self.record(update_wrapper(wrapper, func))

    def make_setup_state(self, app, options, first_registration=False):
        """The :class:`~flask01.modern.blueprints.BlueprintSetupState` of one registration; override
        it to use a state class of your own."""
        return BlueprintSetupState(self, app, options, first_registration)

    @setupmethod
    def register_blueprint(self, blueprint, **options):
        """Nest *blueprint* in this one: it is registered, with its name
        and URL prefix under this one's, whenever this one is."""
        if blueprint is self:
            raise ValueError("Cannot register a blueprint on itself")
        self._blueprints.append((blueprint, options))

    @setupmethod
    def add_url_rule(
        self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options
    ):
        """Record a URL rule, added to the application (with the prefix
        and the dotted endpoint of each registration) when the blueprint
        is registered."""
        if endpoint and "." in endpoint:
            raise ValueError("'endpoint' may not contain a dot '.' character.")
        if view_func and hasattr(view_func, "__name__") and "." in view_func.__name__:
            raise ValueError("'view_func' name may not contain a dot '.' character.")
        self.record(
            lambda state: state.add_url_rule(
                rule,
                endpoint,
                view_func,
                provide_automatic_options=provide_automatic_options,
                **options,
            )
        )

    # -- registration ---------------------------------------------------

    def register(self, app, options):
        """Register this blueprint on *app* (``app.register_blueprint``
        calls it): add its static route, copy its registries into the
        application's under its dotted name, run what it recorded, and
        register the blueprints nested in it.

        Registering two blueprints under one name is an error; the same
        blueprint registered again under a new ``name=`` is a second,
        independent registration.
        """
        name_prefix = options.get("name_prefix", "")
        own_name = options.get("name", self.name)
        name = f"{name_prefix}.{own_name}".lstrip(".")
        if name in app.blueprints:
            which = "this" if app.blueprints[name] is self else "a different"
            where = f" '{name}'" if own_name != name else ""
            raise ValueError(
                f"The name '{own_name}' is already registered for {which} "
                f"blueprint{where}. Use 'name=' to provide a unique name."
            )
        first_registration = not any(bp is self for bp in app.blueprints.values())
        app.blueprints[name] = self
        self._got_registered_once = True
        state = self.make_setup_state(app, options, first_registration)

        if self.has_static_folder:
            state.add_url_rule(
                f"{self.static_url_path}/<path:filename>",
                view_func=self.send_static_file,
                endpoint="static",
            )
        self._merge_registries_into(app, name)
        for deferred in self.deferred_functions:
            deferred(state)
        self._register_commands(app, name, options)
        for blueprint, nested_options in self._blueprints:
            blueprint.register(app, self._nested_options(state, name, blueprint, nested_options))

    def _merge_registries_into(self, app, name):
        """Copy the hooks and handlers into *app*'s registries, each under
        *name* (or ``name.key`` for an entry of a blueprint nested here)."""

        def key_for(key):
            return name if key is None else f"{name}.{key}"

        for key, by_code in self.error_handler_spec.items():
            app.error_handler_spec[key_for(key)] = defaultdict(
                dict, {code: dict(handlers) for code, handlers in by_code.items()}
            )
        app.view_functions.update(self.view_functions)
        for registry in (
            "before_request_funcs",
            "after_request_funcs",
            "teardown_request_funcs",
            "url_default_functions",
            "url_value_preprocessors",
            "template_context_processors",
        ):
            target = getattr(app, registry)
            for key, funcs in getattr(self, registry).items():
                target[key_for(key)].extend(funcs)

    def _register_commands(self, app, name, options):
        """Add the blueprint's commands to the application's command line:
        as a group named after the blueprint, a group of the given name,
        or (``cli_group=None``) directly."""
        cli = self.__dict__.get("cli")
        if cli is None or not cli.commands:
            return
        group = options.get("cli_group", self.cli_group)
        if group is None:
            app.cli.commands.update(cli.commands)
            return
        cli.name = name if group is _sentinel else group
        app.cli.add_command(cli)

    @staticmethod
    def _nested_options(state, name, blueprint, options):
        """The options of a nested blueprint: its URL prefix under this
        registration's, and this blueprint's dotted name before its own."""
        options = dict(options)
        prefix = options.get("url_prefix")
        if prefix is None:
            prefix = blueprint.url_prefix
        if state.url_prefix is not None and prefix is not None:
            options["url_prefix"] = state.url_prefix.rstrip("/") + "/" + prefix.lstrip("/")
        elif prefix is not None:
            options["url_prefix"] = prefix
        elif state.url_prefix is not None:
            options["url_prefix"] = state.url_prefix
        options["name_prefix"] = name
        return options

    # -- what a blueprint adds to the whole application -------------------

    @setupmethod
    def app_template_filter(self, name=None):
        """Decorate a function to be a template filter of the application
        (:meth:`~flask01.modern.Flask.template_filter`)."""
        return _decorator_for(self.add_app_template_filter, name)

    @setupmethod
    def add_app_template_filter(self, f, name=None):
        """:meth:`app_template_filter` without the decorator."""
        self.record_once(lambda state: state.app.add_template_filter(f, name=name))

    @setupmethod
    def app_template_test(self, name=None):
        """Decorate a function to be a template test of the application."""
        return _decorator_for(self.add_app_template_test, name)

    @setupmethod
    def add_app_template_test(self, f, name=None):
        """:meth:`app_template_test` without the decorator."""
        self.record_once(lambda state: state.app.add_template_test(f, name=name))

    @setupmethod
    def app_template_global(self, name=None):
        """Decorate a function to be a template global of the application."""
        return _decorator_for(self.add_app_template_global, name)

    @setupmethod
    def add_app_template_global(self, f, name=None):
        """:meth:`app_template_global` without the decorator."""
        self.record_once(lambda state: state.app.add_template_global(f, name=name))

    def _record_for_app(self, registry, f):
        """Record adding *f* to the application's own (``None``) entry of
        *registry*, once."""
        self.record_once(lambda state: getattr(state.app, registry)[None].append(f))
        return f

    @setupmethod
    def before_app_request(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.before_request`,
        for every request of the application."""
        return self._record_for_app("before_request_funcs", f)

    @setupmethod
    def before_app_first_request(self, f):
        """Run *f* once, before the application's first request."""
        self.record_once(lambda state: state.app.before_first_request_funcs.append(f))
        return f

    @setupmethod
    def after_app_request(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.after_request`,
        for every request of the application."""
        return self._record_for_app("after_request_funcs", f)

    @setupmethod
    def teardown_app_request(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.teardown_request`,
        for every request of the application."""
        return self._record_for_app("teardown_request_funcs", f)

    @setupmethod
    def app_context_processor(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.context_processor`,
        for every template of the application."""
        return self._record_for_app("template_context_processors", f)

    @setupmethod
    def app_errorhandler(self, code):
        """:meth:`~flask01.modern.scaffold.Scaffold.errorhandler`,
        for errors anywhere in the application."""

        def decorator(f):
            self.record_once(lambda state: state.app.errorhandler(code)(f))
            return f

        return decorator

    @setupmethod
    def app_url_value_preprocessor(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.url_value_preprocessor`,
        for every request of the application."""
        return self._record_for_app("url_value_preprocessors", f)

    @setupmethod
    def app_url_defaults(self, f):
        """:meth:`~flask01.modern.scaffold.Scaffold.url_defaults`,
        for every URL the application builds."""
        return self._record_for_app("url_default_functions", f)
