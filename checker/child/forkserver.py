"""The warm server's side (`checker/child/__main__.py --serve`; the parent's side is checker/forkserver.py).

Started once by a `kata` process that runs many checks, it imports what every check's child imports, then
waits for requests on its stdin (a unix socket): each brings the check's settings for the process (working
directory, environment, limits, argv) and its descriptors (a pipe to tell the pid and exit status, the check's
stdin, its output file, the Landlock ruleset). For each it forks; the fork becomes the check's child exactly
as if started directly, then runs checker/child/__main__.py's `run_check`. The server itself runs no learner
code, holds no secret and never changes its own state for a check: every fork starts from the same pristine
process. When the requests end (the `kata` process is gone), it kills the process groups of the forks still
running and leaves.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
import tempfile
from typing import Callable

MAX_FDS = 8


def serve(run_check: Callable[[], None]) -> None:
    """Fork one process per request, running `run_check`; tell each pid, then each exit status."""
    control = socket.socket(fileno=0)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())  # not the interrupts `kata` blocked when it started us
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    statuses: dict[int, int] = {}  # a running fork's pid -> the pipe to tell its exit status on
    while True:
        ready = select.select([control, wake_r], [], [])[0]
        if control in ready:
            # One request is one message (a line of JSON, well under the size read) sent with its descriptors,
            # and `kata` sends the next only once it has this one's pid: anything else is not a request.
            data, fds, _, _ = socket.recv_fds(control, 1 << 16, MAX_FDS)
            if not data:
                break
            if not fds or not data.endswith(b"\n"):
                for fd in fds:
                    os.close(fd)
                continue
            pid = os.fork()
            if pid == 0:
                _become_check(json.loads(data), fds, control, run_check)
            status, *others = fds
            for fd in others:
                os.close(fd)
            statuses[pid] = status
            _tell(status, pid)
        if wake_r in ready:
            while _drain(wake_r):
                pass
        _reap(statuses)
    for pid in statuses:  # `kata` is gone: so are its checks
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


def _tell(fd: int, number: int) -> None:
    try:
        os.write(fd, f"{number}\n".encode())
    except OSError:  # the check's `kata` thread gave up on it
        pass


def _drain(fd: int) -> bool:
    try:
        return bool(os.read(fd, 512))
    except BlockingIOError:
        return False


def _reap(statuses: dict[int, int]) -> None:
    while statuses:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        fd = statuses.pop(pid, None)
        if fd is not None:
            _tell(fd, os.waitstatus_to_exitcode(status))
            os.close(fd)


def _become_check(request: dict, fds: list[int], control: socket.socket, run_check: Callable[[], None]) -> None:
    """In the fork: become the check's child (as Popen with start_new_session, cwd, env and the preexec of
    checker/limits.py would make it), then run the check. Never returns."""
    try:
        from checker import confine, limits

        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        control.detach()  # its descriptor is closed below, with every other one of the server's
        _status, stdin, output, *ruleset = fds
        os.dup2(stdin, 0)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # computed again from TMPDIR when asked
        sys.argv = request["argv"]
        confinement = confine.Confinement(ruleset[0] if ruleset else None, request["abi"])
        limits.apply(request["cpu_seconds"], set(request["mask"]), request["memory"], confinement)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        sys.stdin = open(0, closefd=False)
        run_check()
    except BaseException:  # noqa: B036 - nothing of a check may go back into the server's loop
        import traceback

        traceback.print_exc()
    finally:
        os._exit(70)
