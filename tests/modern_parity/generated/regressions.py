"""Cases the generated modern_parity run found, reduced, kept so that every
run replays them first (``tests/differential/modern.py``).

Each is what a failing run printed: a ``name``, where it was ``found``
(the seed and case number), and its ``requests``, replayed with a cookie
jar of their own.  A case whose traces must differ carries the
``deviation`` register row that says why; every other case must give the
same traces on Flask 2.1.3 and on flask01.modern (or differ only as a
register row recognised by ``tests/differential/modern.py`` says).
"""

REGRESSIONS = [
    {
        "name": "request-url-quoting",
        "found": "seed 1 case 250",
        "requests": [
            {"method": "GET", "path": "/echo/", "query": "%5C"},
            {"method": "GET", "path": "/echo/%5C"},
            {"method": "GET", "path": "/ctx", "query": "path=%"},
        ],
    },
    {
        "name": "location-and-redirect-page-quoting",
        "found": "seed 1 case 256",
        "requests": [
            {"method": "GET", "path": "/echo/%2F&"},
            {"method": "GET", "path": "/redirect", "query": "to=%C3"},
        ],
    },
    {
        "name": "url-for-query-quoting",
        "found": "seed 1 case 195",
        "requests": [{"method": "GET", "path": "/url/args", "query": "p=%2F"}],
    },
    {
        "name": "werkzeug-page-text",
        "found": "seed 1 case 40",
        "requests": [{"method": "HEAD", "path": "/abort/428"}],
    },
    {
        "name": "form-bytes-not-utf8",
        "found": "seed 1 case 169",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "%ff",
                "content_type": "application/x-www-form-urlencoded",
            }
        ],
    },
    {
        "name": "cookie-parsing",
        "found": "seed 1 case 281",
        "requests": [
            {"method": "GET", "path": "/cookies", "cookie_ops": [["set", "session", "with space"]]},
            {"method": "GET", "path": "/cookies", "cookie_ops": [["tamper", "session", "quote"]]},
        ],
    },
    {
        "name": "set-cookie-domain",
        "found": "seed 1 case 43",
        "requests": [
            {"method": "GET", "path": "/setcookie", "query": "domain=."},
            {"method": "GET", "path": "/setcookie", "query": "domain"},
        ],
    },
    {
        "name": "authorization-any-scheme",
        "found": "seed 1 case 332",
        "requests": [{"method": "GET", "path": "/headers", "headers": [["Authorization", "Bas"]]}],
    },
    {
        "name": "url-for-any-converter",
        "found": "seed 1 case 450",
        "requests": [{"method": "GET", "path": "/url/any_", "query": "w"}],
    },
    {
        "name": "max-content-length-get-data",
        "found": "seed 1 case 369",
        "requests": [
            {"method": "POST", "path": "/data", "body": "x" * 5000},
            {
                "method": "POST",
                "path": "/json",
                "body": "x" * 5000,
                "content_type": "application/json",
            },
        ],
    },
    {
        "name": "merged-slashes-redirect-any-method",
        "found": "seed 1 case 27",
        "requests": [
            {"method": "POST", "path": "/slash//"},
            {"method": "POST", "path": "/user/%2Fx"},
        ],
    },
    {
        "name": "merged-slashes-location",
        "found": "seed 2 case 843",
        "requests": [{"method": "GET", "path": "/echo/%2Fx//"}],
    },
    {
        "name": "missing-slash-wrong-method",
        "found": "seed 1 case 172",
        "requests": [{"method": "PUT", "path": "/slash"}, {"method": "POST", "path": "/bp"}],
    },
    {
        "name": "send-file-empty-download-name",
        "found": "seed 1 case 138",
        "requests": [{"method": "GET", "path": "/send/memory", "query": "name"}],
    },
    {
        "name": "status-text-spaces",
        "found": "seed 1 case 137",
        "requests": [{"method": "GET", "path": "/respond/all", "query": "s=%20X"}],
    },
    {
        "name": "flashes-of-a-corrupt-session",
        "found": "seed 2 case 592",
        "requests": [
            {"method": "GET", "path": "/s/set", "query": "_flashes=b"},
            {"method": "GET", "path": "/flashes"},
        ],
    },
    {
        "name": "multipart-part-without-name",
        "found": "seed 2 case 511",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": "--with space\rContent-Disposition:\xc3\xa9\r\r--with space--",
                "content_type": 'multipart/form-data; boundary="with space"',
            }
        ],
    },
    {
        "name": "redirect-target-with-a-bad-port",
        "found": "seed 11 case 3369",
        "requests": [{"method": "GET", "path": "/redirect", "query": "to=h%3a%2f%2f%3a%"}],
    },
    {
        "name": "host-header-validated",
        "found": "seed 1 case 83",
        "requests": [{"method": "GET", "path": "/bp", "headers": [["Host", "_"]]}],
    },
]
