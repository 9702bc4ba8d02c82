"""The flask01.modern application the real-server case-study tests serve
in a child process.

Settings come from the environment, because the process is started by a
server command line:

* ``FLASK01_DATA``: the folder ``/file/<name>`` sends from;
* ``FLASK01_LOG``: a file where the app appends one line per event the
  test waits for (a ``call_on_close`` callback, a worker's read);
* ``FLASK01_S3``: the endpoint of an S3-compatible server for ``/s3``.
"""

import os
import threading

import flask01.modern as flask

app = flask.Flask(__name__)


def log(line):
    with open(os.environ["FLASK01_LOG"], "a") as f:
        f.write(line + "\n")


@app.route("/file/<name>", methods=["GET", "POST"])
def send(name):
    response = flask.send_from_directory(os.environ["FLASK01_DATA"], name)
    method, status = flask.request.method, response.status_code
    response.call_on_close(lambda: log(f"closed {name} {method} {status}"))
    return response


def after_the_response(work):
    """Run *work* in a thread with a copy of the request context, once
    the response has been sent: the view's own context has ended by then,
    which is what Flask 5399 is about."""
    answered = threading.Event()

    @flask.copy_current_request_context
    def worker():
        answered.wait(5)
        work()

    threading.Thread(target=worker).start()
    response = flask.make_response("accepted")
    response.call_on_close(answered.set)
    return response


@app.route("/upload", methods=["POST"])
def upload():
    """A worker thread reads the upload after the view has returned."""
    name = flask.request.files["doc"].filename

    def read():
        try:
            data = flask.request.files["doc"].read()
            log(f"worker read {name} {len(data)}")
        except ValueError as e:
            log(f"worker failed {e}")

    return after_the_response(read)


@app.route("/s3", methods=["POST"])
def s3_upload():
    """The report's scenario: a worker thread uploads request.files[...]
    to S3 with boto3 after the view returned."""
    import boto3

    key = flask.request.files["doc"].filename

    def upload_to_s3():
        client = boto3.client(
            "s3",
            endpoint_url=os.environ["FLASK01_S3"],
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        try:
            client.upload_fileobj(flask.request.files["doc"], "bucket", key)
            log(f"uploaded {key}")
        except ValueError as e:
            log(f"upload failed {e}")

    return after_the_response(upload_to_s3)
