"""flask01.modern.views: View.as_view and its attributes, decorators,
automatic OPTIONS, and MethodView's dispatch by HTTP method and its
methods collected from the class and its bases, as in Flask 2.1.3."""

import functools

import pytest

import flask01.modern as flask
from flask01.modern.views import MethodView, View


class Greeting(View):
    """Greets the name in the URL."""

    methods = ["GET", "POST"]

    def __init__(self, greeting="Hello"):
        self.greeting = greeting

    def dispatch_request(self, name):
        return f"{self.greeting} {name} ({flask.request.method})"


def allowed(client, url):
    return sorted(client.open(url, method="OPTIONS").allow)


# -- View and as_view --------------------------------------------------------


def test_the_view_function_dispatches_with_the_url_values(app, client):
    app.add_url_rule("/hi/<name>", view_func=Greeting.as_view("hi"))
    assert client.get("/hi/ada").get_data(as_text=True) == "Hello ada (GET)"


def test_as_view_arguments_are_given_to_the_class(app, client):
    app.add_url_rule("/hi/<name>", view_func=Greeting.as_view("hi", greeting="Hej"))
    assert client.get("/hi/ada").get_data(as_text=True) == "Hej ada (GET)"


def test_each_request_gets_a_new_instance(app, client):
    class Counter(View):
        def __init__(self):
            self.calls = 0

        def dispatch_request(self):
            self.calls += 1
            return str(self.calls)

    app.add_url_rule("/", view_func=Counter.as_view("count"))
    assert [client.get("/").get_data(as_text=True) for _ in range(2)] == ["1", "1"]


def test_the_name_given_to_as_view_is_the_endpoint(app):
    app.add_url_rule("/hi/<name>", view_func=Greeting.as_view("greet"))
    assert "greet" in app.view_functions


def test_the_view_function_carries_the_classs_doc_and_module():
    view = Greeting.as_view("hi")
    assert (view.__name__, view.__doc__, view.__module__) == (
        "hi",
        "Greets the name in the URL.",
        __name__,
    )


def test_the_view_function_keeps_its_class_as_view_class():
    assert Greeting.as_view("hi").view_class is Greeting


def test_the_view_function_creates_whatever_class_view_class_holds(app, client):
    class Shouting(Greeting):
        def dispatch_request(self, name):
            return super().dispatch_request(name).upper()

    view = Greeting.as_view("hi")
    view.view_class = Shouting
    app.add_url_rule("/hi/<name>", view_func=view)
    assert client.get("/hi/ada").get_data(as_text=True) == "HELLO ADA (GET)"


def test_the_classs_methods_become_the_rules_methods(app, client):
    app.add_url_rule("/hi/<name>", view_func=Greeting.as_view("hi"))
    assert client.post("/hi/ada").get_data(as_text=True) == "Hello ada (POST)"
    assert client.put("/hi/ada").status_code == 405


def test_a_view_without_methods_answers_get(app, client):
    class Plain(View):
        def dispatch_request(self):
            return "plain"

    app.add_url_rule("/", view_func=Plain.as_view("plain"))
    assert allowed(client, "/") == ["GET", "HEAD", "OPTIONS"]


def test_provide_automatic_options_false_leaves_options_to_the_view(app, client):
    class NoOptions(View):
        provide_automatic_options = False

        def dispatch_request(self):
            return "x"

    app.add_url_rule("/", view_func=NoOptions.as_view("x"))
    assert client.options("/").status_code == 405


def test_provide_automatic_options_true_answers_options_the_view_lists(app, client):
    class OnlyOptions(View):
        methods = ["OPTIONS"]
        provide_automatic_options = True

        def dispatch_request(self):
            return "the view"

    app.add_url_rule("/", view_func=OnlyOptions.as_view("x"))
    response = client.options("/")
    assert (response.get_data(as_text=True), sorted(response.allow)) == ("", ["OPTIONS"])


def test_dispatch_request_must_be_implemented(app, client):
    app.testing = True
    app.add_url_rule("/", view_func=View.as_view("bare"))
    with pytest.raises(NotImplementedError):
        client.get("/")


# -- decorators ----------------------------------------------------------------


def brackets(text):
    def decorator(f):
        @functools.wraps(f)
        def wrapper(**kwargs):
            return f"{text}[{f(**kwargs)}]"

        return wrapper

    return decorator


class Decorated(View):
    """Decorated view."""

    decorators = [brackets("inner"), brackets("outer")]

    def dispatch_request(self):
        return "view"


def test_decorators_wrap_the_view_function_first_innermost(app, client):
    app.add_url_rule("/", view_func=Decorated.as_view("deco"))
    assert client.get("/").get_data(as_text=True) == "outer[inner[view]]"


def test_decorators_see_the_view_functions_name_and_module():
    seen = []

    def record(f):
        seen.append((f.__name__, f.__module__))
        return f

    class Recorded(View):
        decorators = [record]

    Recorded.as_view("recorded")
    assert seen == [("recorded", __name__)]


def test_a_decorated_view_function_still_carries_the_class():
    view = Decorated.as_view("deco")
    assert (view.view_class, view.__doc__, view.methods) == (Decorated, "Decorated view.", None)


# -- MethodView ----------------------------------------------------------------


class Item(MethodView):
    def get(self, id):
        return f"get {id}"

    def post(self, id):
        return f"post {id}"


def test_method_view_calls_the_method_named_after_the_request(app, client):
    app.add_url_rule("/<int:id>", view_func=Item.as_view("item"))
    assert client.post("/3").get_data(as_text=True) == "post 3"


def test_method_view_methods_are_those_the_class_implements():
    assert Item.methods == {"GET", "POST"}


def test_method_view_methods_include_those_of_its_bases():
    class Deletable(Item):
        def delete(self, id):
            return "gone"

    assert Deletable.methods == {"GET", "POST", "DELETE"}


def test_method_view_methods_combine_several_bases():
    class Reading(MethodView):
        def get(self):
            return "get"

    class Removing(MethodView):
        def delete(self):
            return "delete"

    class Both(Reading, Removing):
        pass

    assert Both.methods == {"GET", "DELETE"}


def test_method_view_keeps_methods_the_class_sets_itself(app, client):
    class ReadOnly(Item):
        methods = ["GET"]

    app.add_url_rule("/<int:id>", view_func=ReadOnly.as_view("ro"))
    assert (ReadOnly.methods, client.post("/1").status_code) == (["GET"], 405)


def test_method_view_adds_a_bases_methods_list_to_what_it_implements():
    class Base(MethodView):
        methods = ["PROPFIND"]

    class Child(Base):
        def get(self):
            return "get"

    assert Child.methods == {"GET", "PROPFIND"}


def test_a_method_view_implementing_no_method_has_no_methods():
    class Empty(MethodView):
        pass

    assert (MethodView.methods, Empty.methods) == (None, None)


def test_method_view_answers_head_with_get_and_no_body(app, client):
    class Page(MethodView):
        def get(self):
            return flask.Response("body", headers={"X-Method": flask.request.method})

    app.add_url_rule("/", view_func=Page.as_view("page"))
    response = client.head("/")
    assert (response.data, response.headers["X-Method"]) == (b"", "HEAD")


def test_method_view_uses_its_own_head_when_it_has_one(app, client):
    class Page(MethodView):
        def get(self):
            return "get"

        def head(self):
            return flask.Response(headers={"X-From": "head"})

    app.add_url_rule("/", view_func=Page.as_view("page"))
    assert client.head("/").headers["X-From"] == "head"


def test_method_view_without_the_requests_method_fails_an_assertion(app, client):
    app.testing = True
    app.add_url_rule("/<int:id>", view_func=Item.as_view("item"), methods=["GET", "PUT"])
    with pytest.raises(AssertionError, match="Unimplemented method 'PUT'"):
        client.put("/1")


@pytest.mark.concurrent  # asgiref runs the coroutine in a thread of its own
@pytest.mark.usefixtures("asgiref_threads_end")
def test_method_view_runs_an_async_method(app, client):
    pytest.importorskip("asgiref")

    class Slow(MethodView):
        async def get(self):
            return "awaited"

    app.add_url_rule("/", view_func=Slow.as_view("slow"))
    assert client.get("/").get_data(as_text=True) == "awaited"


def test_url_for_picks_the_method_views_rule_by_method(app):
    view = Item.as_view("item")
    app.add_url_rule("/items/<int:id>", view_func=view, methods=["GET"])
    app.add_url_rule("/items/new/<int:id>", view_func=view, methods=["POST"])
    with app.test_request_context():
        assert flask.url_for("item", id=1, _method="POST") == "/items/new/1"
