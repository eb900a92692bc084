"""The child processes of the checks in progress, in every thread of `kata`: each started under one lock and
known from then on, killed after its check with its whole process group and whatever it left outside the group,
and all stopped at once when `kata` is interrupted (stop_all(), from checker/cli.py's signal handler).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from typing import Callable

from checker import confine, forkserver, system

INTERRUPTS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # what stops `kata` (checker/cli.py)
ORPHAN_SWEEPS = 10
GROUP_GONE_S = 5.0  # at most this long for the killed group's processes to be gone (a loaded machine)

_running: set[subprocess.Popen] = set()  # the children of the checks in progress, in every thread
_starting = threading.Lock()  # held while a child starts and joins _running: the orphan sweep waits for it
_stopped = False


def start(launch: Callable[[], subprocess.Popen]) -> subprocess.Popen:
    """launch(): a check's child (a Popen, or a fork of the warm server), known to stop_all() and to the
    orphan sweep from its first instant."""
    with _starting:
        proc = launch()
        _running.add(proc)
    return proc


def stopped() -> bool:
    """Whether stop_all() ran: no check may start, and a verdict now is the interruption's, not the learner's."""
    return _stopped


def end(proc: subprocess.Popen) -> None:
    """After a check: its child's group killed, the child forgotten, what it left behind killed too."""
    _kill_group(proc)
    _running.discard(proc)
    _kill_orphans()


def _kill_orphans() -> None:
    """Kill what a finished check left behind outside its group (setsid, double fork): `kata`, a subreaper,
    inherited those processes when their parents died; every child of `kata` that is not a running check's
    is one of them. Without a subreaper (not Linux, or the runner used as a library) they cannot be found."""
    if not confine.is_subreaper():
        return
    for _ in range(ORPHAN_SWEEPS):  # again while one is found: a process may fork or be reparented meanwhile
        with _starting:
            left = confine.orphans({p.pid for p in _running} | {forkserver.server_pid()})
            if not left:
                return
            confine.kill_tree(left)
            confine.reap(left)
        time.sleep(0.01)


def stop_all() -> None:
    """Kill the process group of every check in progress, and let no new one start: each run_suite then
    returns at once (and removes its folder). Called from a signal handler of the main thread."""
    global _stopped
    _stopped = True
    for proc in list(_running):
        signal_group(proc.pid)
    if confine.is_subreaper():  # and everything that left the groups
        confine.kill_tree(system.descendants({os.getpid()}))


def signal_group(pgid: int) -> bool:
    """SIGKILL the group; False when it is already gone."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the child's whole process group, and return once none of its processes is left alive: SIGKILL
    takes effect when each process next runs, so hundreds of them on a busy machine take a moment to die."""
    signal_group(proc.pid)
    proc.wait()
    deadline = time.monotonic() + GROUP_GONE_S
    while system.group_alive(proc.pid) and time.monotonic() < deadline:
        if not signal_group(proc.pid):  # again: a process forked while the first signal went out
            return
        time.sleep(0.005)
