"""A warm start for the checks of a process that runs many (`kata verify`, `grade`, `class grade`, `watch`, the
checker's own tests): one server process, started once, that has already started Python and imported pytest
and the checker — about 0.25 s of CPU that each check's child otherwise spends — and forks one process per
check (checker/child/forkserver.py). `kata check` starts its one child directly (checker/runner.py).

The server runs no learner code and never holds a secret: a check's secret and settings go, as for a child
started directly, on the check's own stdin. Each fork gets what a child started directly gets: a new session,
its stdin pipe and its output file as descriptors 0-2 and no other, the run's folder as working directory,
the fixed environment, the same limits and confinement (checker/limits.py; the Landlock ruleset prepared
here travels with the request), and then runs the same code. The server tells each fork's pid, then its exit
status, on a pipe of the check's own (`Forked`, which runner.py and children.py use as they use a Popen). If
the server dies (a check's process may try to kill it), the checks it forked still end with their verdict,
and the next check starts a new server.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import threading
import time

from checker import system

START_TIMEOUT_S = 60.0  # for the server to fork and tell the pid (a loaded machine, a cold start)

_enabled = False
_lock = threading.Lock()  # one request at a time; the server forks in a few milliseconds
_server: "_Server | None" = None


def enable() -> None:
    """From now on this process's checks are forked by the server (started at the first check)."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled


def server_pid() -> int | None:
    """The running server's pid (children.py keeps it out of its sweep of what checks left behind)."""
    return _server.proc.pid if _server is not None and _server.proc.poll() is None else None


class ServerGone(OSError):
    """The server stopped before it told the pid of a fork."""


class _Server:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.proc = subprocess.Popen([*command, "--serve"], stdin=theirs, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, cwd="/", env=env, start_new_session=True)
        finally:
            theirs.close()
        self.sock = ours

    def fork(self, request: dict, fds: list[int]) -> tuple[int, int, bytes]:
        """(pid, status pipe's read end, what was read after the pid line) of a new fork."""
        status_r, status_w = os.pipe()
        try:
            socket.send_fds(self.sock, [json.dumps(request).encode() + b"\n"], [status_w, *fds])
        except OSError as exc:
            os.close(status_r)
            raise ServerGone(str(exc)) from None
        finally:
            os.close(status_w)
        data = b""
        deadline = time.monotonic() + START_TIMEOUT_S
        while b"\n" not in data:
            left = deadline - time.monotonic()
            chunk = os.read(status_r, 64) if left > 0 and select.select([status_r], [], [], left)[0] else b""
            if not chunk:
                os.close(status_r)
                raise ServerGone("no pid")
            data += chunk
        line, rest = data.split(b"\n", 1)
        return int(line), status_r, rest

    def stop(self) -> None:
        self.sock.close()  # the server sees the end of its requests and leaves, killing the forks it ran
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def fork(command: list[str], server_env: dict[str, str], request: dict, fds: list[int]) -> "Forked":
    """A check's process, forked by the server (started with `command` and `server_env` if none runs)."""
    global _server
    with _lock:
        for attempt in (1, 2):  # a server that died since the last check is started again, once
            if _server is None or _server.proc.poll() is not None:
                if _server is not None:
                    _server.sock.close()
                _server = _Server(command, server_env)
            try:
                pid, status, rest = _server.fork(request, fds)
            except ServerGone:
                _server.proc.kill()
                _server.proc.wait()
                if attempt == 2:
                    raise
                continue
            return Forked(pid, status, rest)
    raise AssertionError("unreachable")


def stop() -> None:
    """Stop the server, if one runs (at the end of `kata`; tests)."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None


class Forked:
    """A check's process forked by the server, as runner.py and children.py use a Popen: `pid`, `stdin`,
    `wait(timeout)` (subprocess.TimeoutExpired when it runs on), `returncode` (negative: killed by that
    signal; None: unknown, the server died before telling)."""

    def __init__(self, pid: int, status: int, rest: bytes) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = None
        self._status, self._data, self._done = status, rest, False

    def wait(self, timeout: float | None = None) -> int | None:
        if not self._done and not self._read(timeout):
            raise subprocess.TimeoutExpired(str(self.pid), timeout)
        return self.returncode

    def _read(self, timeout: float | None) -> bool:
        """Whether the end of the process is known now, waiting at most `timeout` for the server to tell it."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._data:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self._status], [], [], left)[0]:
                return False
            chunk = os.read(self._status, 64)
            if not chunk:  # the server is gone before telling: the process's own end must be seen
                return self._gone(deadline)
            self._data += chunk
        self.returncode = int(self._data.split(b"\n", 1)[0])
        self._finish()
        return True

    def _gone(self, deadline: float | None) -> bool:
        while deadline is None or time.monotonic() < deadline:
            if not system.pid_alive(self.pid):
                self._finish()
                return True
            time.sleep(0.01)
        return False

    def _finish(self) -> None:
        self._done = True
        os.close(self._status)
