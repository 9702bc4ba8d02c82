"""Cases the generated parity run found, reduced, kept so that every run
replays them first (``tests/differential/parity.py``).

Each is what a failing run printed: a ``name``, where it was ``found``
(the seed and case number), and its ``requests``, replayed with a cookie
jar of their own.  A case whose answers must differ carries the
``deviation`` register row that says why; every other case must give the
same answers on Flask 0.1 and on flask01 (or differ only as a register row
recognised by ``tests/differential/parity.py`` says).
"""

REGRESSIONS = [
    {
        "name": "request-is-xhr",
        "found": "seed 1 case 241",
        "requests": [{"method": "GET", "path": "/headers"}],
    },
    {
        "name": "query-bytes-not-utf8",
        "found": "seed 1 case 20",
        "requests": [
            {"method": "GET", "path": "/args", "query": "a=caf%C3&b=%ff"},
            {"method": "GET", "path": "/s/int", "query": "=2%ff"},
        ],
    },
    {
        "name": "path-bytes-not-utf8",
        "found": "seed 2 case 292",
        "requests": [
            {"method": "GET", "path": "/%ff%"},
            {"method": "GET", "path": "/echo/%e2%98/"},
        ],
    },
    {
        "name": "form-bytes-not-utf8",
        "found": "seed 2 case 21",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "a=%E6%97%A5%E6%9C&%fc=x",
                "content_type": "application/x-www-form-urlencoded",
            }
        ],
    },
    {
        "name": "request-url-quoting",
        "found": "seed 2 case 1450",
        "requests": [
            {"method": "GET", "path": "/echo/%"},
            {"method": "GET", "path": "/echo/%252F"},
            {"method": "GET", "path": "/echo/", "query": "b=it%27s&c=%f0"},
            {"method": "GET", "path": "/ctx", "query": "path=%"},
        ],
    },
    {
        "name": "form-parsed-for-every-method",
        "found": "seed 2 case 1499",
        "requests": [
            {
                "method": "GET",
                "path": "/form",
                "body": "v",
                "content_type": "application/x-www-form-urlencoded",
            },
            {
                "method": "PATCH",
                "path": "/form-then-data",
                "body": "n",
                "content_type": "application/x-www-form-urlencoded",
            },
        ],
    },
    {
        "name": "mimetype-case",
        "found": "seed 1 case 48",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "v=1",
                "content_type": "Application/X-WWW-Form-URLEncoded",
            }
        ],
    },
    {
        "name": "set-cookie-syntax",
        "found": "seed 1 case 267",
        "requests": [
            {"method": "GET", "path": "/setcookie", "query": "max_age=0"},
            {"method": "GET", "path": "/setcookie", "query": "secure&httponly"},
        ],
    },
    {
        "name": "cookie-key-not-checked",
        "found": "seed 1 case 68",
        "requests": [
            {"method": "GET", "path": "/setcookie", "query": "key=%3B"},
            {"method": "GET", "path": "/setcookie", "query": "key=%20&delete=session"},
        ],
    },
    {
        "name": "cookie-key-newline",
        "found": "seed 5 case 1373",
        "requests": [{"method": "GET", "path": "/setcookie", "query": "key=%0A"}],
    },
    {
        "name": "set-cookie-value-not-ascii",
        "found": "seed 9 case 3552",
        "requests": [{"method": "GET", "path": "/setcookie", "query": "value=%E2%80%AE"}],
    },
    {
        "name": "set-cookie-path-not-ascii",
        "found": "seed 3 case 692",
        "requests": [{"method": "GET", "path": "/setcookie", "query": "path=%c3%a9"}],
    },
    {
        "name": "cookie-parsing",
        "found": "seed 2 case 1280",
        "requests": [
            {"method": "GET", "path": "/cookies", "cookie_ops": [["set", "flavour", "with space"]]},
            {"method": "GET", "path": "/cookies", "cookie_ops": [["set", "x y", "a=b"]]},
            {"method": "GET", "path": "/cookies", "cookie_ops": [["set", "$Version", ""]]},
        ],
    },
    {
        "name": "redirect-code-checked",
        "found": "seed 1 case 263",
        "requests": [
            {"method": "GET", "path": "/redirect", "query": "code=308"},
            {"method": "GET", "path": "/redirect", "query": "code=2"},
            {"method": "GET", "path": "/redirect", "query": "code"},
        ],
    },
    {
        "name": "redirect-location-joined-with-root",
        "found": "seed 1 case 97",
        "requests": [
            {"method": "GET", "path": "/redirect", "query": "to"},
            {"method": "GET", "path": "/redirect", "query": "to=%3Fq%3D1"},
        ],
    },
    {
        "name": "abort-codes-of-werkzeug-06",
        "found": "seed 1 case 237",
        "requests": [
            {"method": "GET", "path": "/abort/428"},
            {"method": "GET", "path": "/abort/416"},
        ],
    },
    {
        "name": "accept-header-parsing",
        "found": "seed 1 case 155",
        "requests": [{"method": "GET", "path": "/accept", "headers": [["Accept", "a/;x"]]}],
    },
    {
        "name": "authorization-parsing",
        "found": "seed 6 case 2938",
        "requests": [{"method": "GET", "path": "/accept", "headers": [["Authorization", "6"]]}],
    },
    {
        "name": "url-for-query-quoting",
        "found": "seed 1 case 43",
        "requests": [
            {"method": "GET", "path": "/url/args", "query": "p=%3F"},
            {"method": "GET", "path": "/url/index", "query": "a=%27"},
        ],
    },
    {
        "name": "url-for-rule-not-ascii",
        "found": "seed 1 case 42",
        "requests": [{"method": "GET", "path": "/url/cafe", "query": "name=x"}],
    },
    {
        "name": "test-request-context-path",
        "found": "seed 3 case 869",
        "requests": [
            {"method": "GET", "path": "/ctx", "query": "path=%2541"},
            {"method": "GET", "path": "/ctx", "query": "path=h%3A"},
            {"method": "GET", "path": "/ctx", "query": "path=%3F%C3%BC"},
            {"method": "GET", "path": "/ctx", "query": "path=%3F&qs"},
        ],
    },
    {
        "name": "markup-unescape",
        "deviation": "D-markup-entities",
        "found": "seed 1 case 224",
        "requests": [
            {"method": "GET", "path": "/markup-text", "query": "s=%26%23x1100"},
            {"method": "GET", "path": "/markup-text", "query": "s=%26%230"},
        ],
    },
    {
        "name": "wsgi-app-content-length",
        "found": "seed 1 case 194",
        "requests": [{"method": "GET", "path": "/respond/wsgi"}],
    },
    {
        "name": "status-strings",
        "found": "seed 1 case 134",
        "requests": [
            {"method": "GET", "path": "/respond/mimetype", "query": "s=a"},
            {"method": "GET", "path": "/respond/status", "query": "s"},
        ],
    },
    {
        "name": "header-value-encoding",
        "found": "seed 4 case 3436",
        "requests": [
            {"method": "GET", "path": "/respond/headers", "query": "h=%E6%97%A5%E6%9C%AC"},
            {"method": "GET", "path": "/respond/header-list", "query": "s=304&h=%C3%A9"},
        ],
    },
    {
        "name": "header-value-newline",
        "deviation": "D-header-newline",
        "found": "seed 6 case 3561",
        "requests": [{"method": "GET", "path": "/respond/headers", "query": "h=%0A"}],
    },
    {
        "name": "slash-redirect-for-every-method",
        "found": "seed 1 case 240",
        "requests": [{"method": "OPTIONS", "path": "/slash"}],
    },
    {
        "name": "host-header-validated",
        "deviation": "D-host-header",
        "found": "seed 7 case 3231",
        "requests": [{"method": "GET", "path": "/slash", "headers": [["Host", "_"]]}],
    },
    {
        "name": "template-name-nul",
        "deviation": "D-template-nul",
        "found": "seed 4 case 1185",
        "requests": [{"method": "GET", "path": "/tpl/%00"}],
    },
    {
        "name": "multipart-part-without-name",
        "found": "seed 4 case 2215",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "--b'()+_,-./:=?\rContent-Disposition:\r\r--b'()+_,-./:=?--",
                "content_type": "multipart/form-data; boundary=b'()+_,-./:=?",
            }
        ],
    },
    {
        "name": "multipart-read-as-0-6-read-it",
        "found": "seed 20251129 case 439",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "preamble\r\n--b\r\nContent-Disposition: form-data; "
                'name="a"\r\n\r\n1\r\n--b--\r\n',
                "content_type": "multipart/form-data; boundary=b",
            },
            {
                "method": "POST",
                "path": "/form",
                "body": "--a=b?\r\nContent-Disposition: form-data; "
                'name="f"; filename="sp ace;semi.txt"'
                '\r\n\r\nx\r\n--a=b?\r\nContent-Disposition: form-data; name=""q""\r\n\r\nJ\xfcrgen'
                '\r\n--a=b?\r\nContent-Disposition: form-data; name="g"; filename="C:\\d\\c.txt"'
                "\r\n\r\ny\r\n--a=b?--\r\n",
                "content_type": "multipart/form-data; boundary=a=b?",
            },
        ],
    },
    {
        "name": "accept-and-etags-read-as-0-6-read-them",
        "found": "seed 20251129 case 2386",
        "requests": [
            {
                "method": "GET",
                "path": "/accept",
                "headers": [["Accept", "a/b;q=x, c/d"], ["If-None-Match", ","]],
            }
        ],
    },
    {
        "name": "query-escapes-of-mixed-case",
        "found": "seed 20251129 case 4003",
        "requests": [{"method": "GET", "path": "/args", "query": "a=%B%Fbom&b=1;c=2&v%ff=3"}],
    },
    {
        "name": "host-header-keeps-its-port",
        "found": "seed 20251129 case 2264",
        "requests": [{"method": "GET", "path": "/echo/", "headers": [["Host", "localhost:80"]]}],
    },
    {
        "name": "x-forwarded-host-not-believed",
        "found": "seed 20251129 case 2264",
        "deviation": "D-host-header",
        "requests": [
            {"method": "GET", "path": "/echo/", "headers": [["X-Forwarded-Host", "evil.example"]]}
        ],
    },
    {
        "name": "redirect-target-as-0-6-made-it",
        "found": "seed 1 case 1266",
        "requests": [
            {"method": "GET", "path": "/redirect", "query": "to=..%2Fup"},
            {"method": "GET", "path": "/redirect", "query": "to=%25zz%23frag"},
            {"method": "GET", "path": "/redirect", "query": "to=https://u:pw@h:8080/p;x=1"},
            {"method": "GET", "path": "/redirect", "query": "to=%25"},
        ],
    },
    {
        "name": "url-for-joined-as-0-6-joined",
        "found": "seed 1 case 4982",
        "requests": [
            {"method": "GET", "path": "/url/echo", "query": "rest=..%2Fupx"},
            {"method": "GET", "path": "/url/cafe", "query": "name=..%2Fup"},
            {"method": "GET", "path": "/url/args", "query": "p=%2C+%7E"},
        ],
    },
    {
        "name": "test-request-context-as-0-6-built-it",
        "found": "seed 7 case 541",
        "requests": [
            {"method": "GET", "path": "/ctx", "query": "path=h%3A%2F%2Fh&m=g"},
            {"method": "GET", "path": "/ctx", "query": "base=http%3A%"},
            {
                "method": "GET",
                "path": "/ctx",
                "query": "path=&base=https%3A%2F%2Fh%3A8443&qs=x%3D%C3%A9",
            },
        ],
    },
    {
        "name": "status-204-and-304-count-their-body",
        "found": "seed 20251129 case 1211",
        "requests": [
            {"method": "GET", "path": "/respond/content-type", "query": "s=204"},
            {"method": "GET", "path": "/respond/headers", "query": "s=304"},
        ],
    },
    {
        "name": "upper-case-of-sharp-s",
        "found": "seed 424242 case 4449",
        "deviation": "D-python3",
        "requests": [{"method": "GET", "path": "/string/5", "query": "v=stra%c3%9fe"}],
    },
]
