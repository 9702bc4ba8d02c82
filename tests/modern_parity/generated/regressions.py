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
        "deviation": "M-max-content-length-data",
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
        "deviation": "M-merged-slashes",
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
        "deviation": "M-multipart-decoder",
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
        "deviation": "M-host-validated",
        "found": "seed 1 case 83",
        "requests": [{"method": "GET", "path": "/bp", "headers": [["Host", "_"]]}],
    },
    {
        "name": "redirect-control-character",
        "found": "seed 20251129 case 2671",
        "deviation": "M-redirect-control-characters",
        "requests": [{"method": "HEAD", "path": "/redirect", "query": "to=..%2f%00up"}],
    },
    {
        "name": "form-read-of-a-body-that-is-no-form",
        "found": "seed 1 case 571",
        "deviation": "M-max-content-length-data",
        "requests": [{"method": "GET", "path": "/form", "body": "=" + "x" * 5000}],
    },
    {
        "name": "merged-slashes-rebuilt-from-values",
        "found": "seed 7 case 4483",
        "deviation": "M-merged-slashes",
        "requests": [{"method": "GET", "path": "/num//00"}],
    },
    {
        "name": "multipart-bare-cr",
        "found": "seed 99 case 2784",
        "deviation": "M-multipart-decoder",
        "requests": [
            {
                "method": "GET",
                "path": "/form",
                "body": "--x\rContent-Disposition:f;name=s\r\r--x--",
                "content_type": "multipart/form-data; boundary=x",
            }
        ],
    },
    {
        "name": "host-header-list",
        "found": "seed 20251129 case 1507",
        "deviation": "M-host-validated",
        "requests": [
            {
                "method": "HEAD",
                "path": "/static//missing.txt",
                "headers": [["Host", "localhost:80, 127.0.0.1"]],
            }
        ],
    },
    {
        "name": "request-headers-as-werkzeug-2-1",
        "found": "seed 20251129 case 1105",
        "requests": [
            {
                "method": "GET",
                "path": "/headers",
                "headers": [
                    ["If-None-Match", ', "other", '],
                    ["Accept", "a/b;q=x, */*"],
                    ["Authorization", 'Digest username="u"'],
                ],
            }
        ],
    },
    {
        "name": "cookies-written-and-read-as-werkzeug-2-1",
        "found": "seed 20251129 case 3607",
        "requests": [
            {"method": "GET", "path": "/setcookie", "query": "key=&value=%3Fq&secure="},
            {"method": "GET", "path": "/setcookie", "query": "key=a&value=v&domain=.example.com"},
            {"method": "GET", "path": "/setcookie", "query": "domain=localhost"},
            {
                "method": "GET",
                "path": "/cookies",
                "cookie_ops": [["set", "caf\u00c3\u00a9", "\u00e9"], ["set", "x y", "1"]],
            },
        ],
    },
    {
        "name": "upload-file-name-with-backslashes",
        "found": "seed 20251129 case 2080",
        "requests": [
            {
                "method": "POST",
                "path": "/form",
                "body": '--b\r\nContent-Disposition: form-data; name="file"; '
                'filename="C:\\Users\\a.txt"\r\n\r\nhello\r\n--b--\r\n',
                "content_type": "multipart/form-data; boundary=b",
            }
        ],
    },
    {
        "name": "download-names-as-werkzeug-2-1",
        "found": "seed 7 case 4126",
        "requests": [
            {"method": "GET", "path": "/send/memory", "query": "name=%3B%C3"},
            {"method": "GET", "path": "/send/file", "query": "name=%C3"},
        ],
    },
    {
        "name": "redirect-target-uri-forms",
        "found": "seed 7 case 394",
        "requests": [
            {"method": "HEAD", "path": "/redirect", "query": "to=h%3A%2F%C3"},
            {"method": "GET", "path": "/redirect", "query": "to=h%3A%2F%2F%ff"},
            {"method": "GET", "path": "/ctx", "query": "base=h%3A%2F%2F%3A%"},
            {"method": "GET", "path": "/ctx", "query": "path=h%3A0"},
        ],
    },
    {
        "name": "error-page-quotes",
        "found": "seed 20251129 case 2719",
        "requests": [
            {"method": "GET", "path": "/abort/428"},
            {"method": "GET", "path": "/abort/403"},
        ],
    },
    {
        "name": "bracketed-invalid-host",
        "found": "seed 11 case 1956",
        "requests": [
            {"method": "GET", "path": "/echo/", "headers": [["Host", "[:],"]]},
        ],
    },
    {
        "name": "root-path-joins-the-host",
        "found": "seed 3",
        "requests": [
            {"method": "GET", "path": "/ctx", "query": "base=h%3A%ff"},
        ],
    },
]
