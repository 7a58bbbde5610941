"""Running `fonds serve` in tests: a free port, waiting until it answers, stopping it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_until_answering(
    url: str, proc: subprocess.Popen, ready: Callable[[object], bool], output: Callable[[], str], seconds: float = 60
) -> None:
    """Poll ``url`` until ``ready(response)``; fail the test, with the server's output, when the
    server exits or does not answer in time."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if ready(response):
                    return
        except (urllib.error.URLError, ConnectionError, OSError, ValueError, KeyError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"`fonds serve` did not answer on {url}:\n{output()[-3000:]}")
        time.sleep(0.25)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started in its own process group (gunicorn and its workers)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
