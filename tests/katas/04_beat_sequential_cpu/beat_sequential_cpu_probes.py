"""Helpers of kata 04's hidden suite that must run in other processes.

They live in a module of their own, next to the suite, so that a process started with `spawn` imports
them by name in a few milliseconds (the suite's folder is on sys.path, and spawn hands sys.path to its
children) without importing pytest or the suite. Exported student repositories have no solutions/
folder: the reference algorithm the speed check compares against is here, too.

A `Harness` is a fresh Python process (started with spawn) that loads the learner's module again and runs
`parallel_sum_of_squares` on request, with a deadline, under the start method asked for. It reports what
happened as plain data: the result and the time it took, the CPU time of the child processes it started,
or the exception, or that it was stopped (too slow, or its pool workers crashed). A learner's call that
hangs or crawls therefore costs a verdict, and stopping it stops its processes too.
"""

from __future__ import annotations

import gc
import importlib.util
import multiprocessing
import multiprocessing.connection
import os
import re
import reprlib
import resource
import sys
import threading
import time
from pathlib import Path

FUNCTION = "parallel_sum_of_squares"

# --- the work, the exact answer and the reference solution --------------------------------------


def squares_loop(start: int, stop: int) -> int:
    """The given sequential loop, same code as the kata's `sum_of_squares`: the baseline to beat."""
    total = 0
    for i in range(start, stop):
        total += i * i
    return total


def expected_sum(n: int) -> int:
    """The sum of i*i for i in range(n), exactly: (n-1)·n·(2n-1)/6."""
    return (n - 1) * n * (2 * n - 1) // 6 if n > 0 else 0


def slices(n: int, workers: int) -> list[tuple[int, int]]:
    """`workers` consecutive ranges covering 0..n-1 once; the first n % workers get one number more."""
    size, extra = divmod(n, workers)
    bounds, start = [], 0
    for k in range(workers):
        stop = start + size + (1 if k < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def _slice_sum(bounds: tuple[int, int]) -> int:
    return squares_loop(*bounds)


def reference_parallel(n: int, workers: int) -> int:
    """The reference solution's algorithm: one slice per process, summed in the parent."""
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.map(_slice_sum, slices(n, workers)))


# --- describing what went wrong as plain data ------------------------------------------------------

_short = reprlib.Repr()
_short.maxstring = 80
_short.maxother = 80

# A pool worker that dies prints "Process SpawnPoolWorker-3:" then its traceback; a Pool then waits forever.
_WORKER_CRASH = re.compile(r"^Process \S*(?:Worker|Process)\S*:\s*$", re.MULTILINE)


def describe_error(exc: BaseException, learner_file: str) -> dict:
    """The exception chain (type, message, NameError name) and the learner's line where it was raised."""
    from checker.child.kit_text import learner_line  # imported here: spawned workers import this module fast
    from checker.child.threadkit import error_chain
    return {"chain": error_chain(exc), "where": learner_line(exc, learner_file) or ""}


def worker_crash(text: str) -> str:
    """The last line of the first pool worker's traceback in `text` (stderr), or ""."""
    match = _WORKER_CRASH.search(text)
    if not match:
        return ""
    lines = [line.strip() for line in text[match.end():].splitlines()]
    for line in lines:
        if line and not line.startswith(("Traceback", "File ", "^", "~")) and not line.startswith(" "):
            if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", line):
                return line[:300]
    return next((line for line in lines if line), "")[:300]


def _read_from(path: str, offset: int) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            return f.read(200_000).decode("utf-8", "replace")
    except OSError:
        return ""


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _terminate_pools(timeout: float = 1.5) -> None:
    """Terminate the learner's multiprocessing pools, so that they stop replacing the workers we kill."""
    import multiprocessing.pool

    pools = [obj for obj in gc.get_objects() if isinstance(obj, multiprocessing.pool.Pool)]

    def terminate() -> None:
        for pool in pools:
            try:
                pool.terminate()
            except Exception:
                pass

    if pools:
        helper = threading.Thread(target=terminate, name="kata04-terminate", daemon=True)
        helper.start()
        helper.join(timeout)


def _stop_children(timeout: float = 2.0) -> None:
    """Terminate and reap the processes this process started and left running (a pool never closed,
    workers of a call that was stopped): reaped children count in RUSAGE_CHILDREN. Waits on the sentinels
    rather than join(): a Pool's own thread may reap a worker first, and join() would then wait in vain."""
    deadline = time.monotonic() + timeout
    for _ in range(3):  # a Pool replaces dead workers: a few passes also stop the replacements
        children = multiprocessing.active_children()
        if not children:
            return
        for child in children:
            try:
                child.terminate()
            except Exception:
                pass
        pending = {child.sentinel for child in children}
        while pending and time.monotonic() < deadline:
            pending -= set(multiprocessing.connection.wait(list(pending), deadline - time.monotonic()))
        for child in children:
            try:
                child.join(0)
            except Exception:
                pass
        time.sleep(0.1)


# --- the harness process ---------------------------------------------------------------------------


class _Watchdog(threading.Thread):
    """Ends the harness when the learner's call runs past its deadline, or soon after a pool worker died
    (a Pool whose worker dies while unpickling its task waits forever)."""

    def __init__(self, conn, deadline: float, stderr_path: str, offset: int, cpu_before: float,
                 self_before: float):
        super().__init__(name="kata04-watchdog", daemon=True)
        self.conn, self.deadline, self.stderr_path, self.offset = conn, deadline, stderr_path, offset
        self.cpu_before, self.self_before = cpu_before, self_before
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.fired = False
        self.started_at = time.perf_counter()

    def run(self) -> None:
        crashed_at, crash = None, ""
        while not self.done.wait(0.05):
            elapsed = time.perf_counter() - self.started_at
            if crashed_at is None and _size(self.stderr_path) > self.offset:
                crash = worker_crash(_read_from(self.stderr_path, self.offset))
                if crash:
                    crashed_at = elapsed
            if elapsed > self.deadline or (crashed_at is not None and elapsed - crashed_at > 1.5):
                with self.lock:
                    if self.done.is_set():
                        return
                    self.fired = True
                own = _self_cpu() - self.self_before
                _terminate_pools()
                _stop_children()
                info = {"elapsed": elapsed, "deadline": self.deadline, "crash": crash, "self_cpu": own,
                        "children_cpu": _children_cpu() - self.cpu_before}
                try:
                    self.conn.send(("broken" if crash else "slow", info))
                finally:
                    os._exit(0)

    def disarm(self) -> None:
        with self.lock:
            fired = self.fired
            self.done.set()
        if fired:  # the watchdog is ending this process; let it
            time.sleep(3600)


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _result_data(result: object) -> dict:
    if type(result) is int:
        return {"value": result, "type": "int", "repr": ""}
    kind = type(result).__qualname__
    if type(result).__module__ != "builtins":
        kind = f"{type(result).__module__}.{kind}"
    try:
        text = _short.repr(result) if isinstance(result, (float, str, bytes, bool, type(None))) else f"<{kind} object>"
    except Exception:
        text = f"<{kind} object>"
    return {"value": None, "type": kind, "repr": text}


def serve(conn, job: dict) -> None:
    """The harness's main: load the learner's module, then run calls until told to stop."""
    log = os.open(job["stderr"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(log, 2)
    os.close(log)
    if job.get("start_method"):
        multiprocessing.set_start_method(job["start_method"], force=True)
    try:
        module = _load(job["module"], job["path"])
        func = getattr(module, FUNCTION)
    except BaseException as exc:
        conn.send(("error", describe_error(exc, job["path"])))
        return
    conn.send(("ready", {"start_method": multiprocessing.get_start_method()}))
    while True:
        try:
            command = conn.recv()
        except (EOFError, OSError):
            return
        if command is None:
            return
        n, workers, deadline, measure = command
        conn.send(_run_one(conn, func, n, workers, deadline, measure, job))


def _run_one(conn, func, n: int, workers: int, deadline: float, measure: bool, job: dict) -> tuple:
    gc.collect()
    cpu_children, cpu_self = _children_cpu(), _self_cpu()
    offset = _size(job["stderr"])
    watchdog = _Watchdog(conn, deadline, job["stderr"], offset, cpu_children, cpu_self)
    watchdog.start()
    started = time.perf_counter()
    error = None
    try:
        result = func(n, workers)
    except BaseException as exc:
        result, error = None, describe_error(exc, job["path"])
    wall = time.perf_counter() - started
    watchdog.disarm()
    self_cpu = _self_cpu() - cpu_self
    if measure:  # count the CPU of every process it started, even of a pool it never closed
        gc.collect()
        _stop_children()
    info = {"wall": wall, "self_cpu": self_cpu, "children_cpu": _children_cpu() - cpu_children,
            "crash": worker_crash(_read_from(job["stderr"], offset))}
    if error is not None:
        return ("error", {**info, **error})
    return ("done", {**info, **_result_data(result)})


class Harness:
    """The parent's handle on one harness process. Every answer is a pair (kind, info):
    ready | error | done | slow | broken | died | lost."""

    def __init__(self, module: str, path: str, stderr_path: Path, start_method: str | None,
                 ready_timeout: float = 30.0):
        ctx = multiprocessing.get_context("spawn")
        self.stderr_path = str(stderr_path)
        self.conn, child_conn = ctx.Pipe()
        job = {"module": module, "path": path, "stderr": self.stderr_path, "start_method": start_method}
        self.process = ctx.Process(target=serve, args=(child_conn, job), name="kata04-harness")
        self.process.start()
        child_conn.close()
        self.alive = True
        self.ready = self._receive(ready_timeout)

    def run(self, n: int, workers: int, deadline: float, measure: bool = False) -> tuple[str, dict]:
        try:
            self.conn.send((n, workers, deadline, measure))
        except (OSError, ValueError):
            return self._died()
        answer = self._receive(deadline + 15.0)
        if answer[0] in ("slow", "broken"):
            self._wait_exit(5.0)
            self.close()
        return answer

    def _wait_exit(self, timeout: float) -> None:
        """Wait for the harness to end by polling its exit status: a grandchild that outlived it still holds
        its sentinel, so join() would wait for the whole timeout."""
        ends = time.monotonic() + timeout
        while self.process.exitcode is None and time.monotonic() < ends:
            time.sleep(0.02)

    def stderr_tail(self, limit: int = 1200) -> str:
        text = _read_from(self.stderr_path, max(0, _size(self.stderr_path) - limit))
        return "\n".join(line for line in text.splitlines() if line.strip())[-limit:]

    def _receive(self, timeout: float) -> tuple[str, dict]:
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            return self._died()
        self.close()
        return ("lost", {"timeout": timeout, "stderr": self.stderr_tail()})

    def _died(self) -> tuple[str, dict]:
        self._wait_exit(5.0)
        code = self.process.exitcode
        self.close()
        return ("died", {"exitcode": code, "stderr": self.stderr_tail()})

    def close(self) -> None:
        if not self.alive:
            return
        self.alive = False
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self._wait_exit(3.0)
        if self.process.exitcode is None:
            self.process.kill()
            self._wait_exit(3.0)
        self.conn.close()
