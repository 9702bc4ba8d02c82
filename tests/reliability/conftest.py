"""Fixtures for the reliability tests, which run against both flask01
and flask01.modern."""

import os

import pytest

import flask01
import flask01.modern


@pytest.fixture(params=[flask01, flask01.modern], ids=["flask01", "modern"])
def framework(request):
    """The framework module under test, used as ``flask`` would be."""
    return request.param


def open_fds():
    """The file descriptors this process has open right now."""
    return set(os.listdir("/proc/self/fd"))
