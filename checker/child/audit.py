"""The child's PEP 578 audit hook: learner code that inspects or reaches into the checker is `tampered`.

Why: the learner's module shares this interpreter. Walking the heap (`gc.get_objects`), reaching frames
(`sys._getframe`, `tb_frame`, `gi_frame`, `cr_frame`, `sys._current_frames`), tracing (`sys.settrace`,
`sys.setprofile`, `sys.monitoring`), `ctypes`, reading `/proc` (`/proc/self/mem`, other processes'
files), signalling the ancestors, replacing a checker function's code, building code objects
(`code.replace`, `marshal.loads`, `compile` under a trusted file's name) and adding audit hooks are how a
submission finds the checker's objects to forge its verdict. These raise audit events, and a hook added
with `sys.addaudithook` cannot be removed.

Who did it. From `arm()` (just before the learner's module loads) an event is refused when it is
learner-originated. Each frame's file is classified: the learner's (its file, anything outside the
trusted folders, code compiled at run time), the checker's (checker/ and the suite's folder), the
standard library and installed packages. A frame event is refused when its nearest frame is the
learner's, looking through functions that hand frames back (`inspect`, `traceback`'s walkers, asyncio's
task stacks, pytest's traceback code). Heap, frame-table, tracing and hook events are allowed only
straight from a checker line that names the call (the diagnostics and some suites use them): a callback
run by the checker cannot borrow its rights. `ctypes` is refused whenever learner code is on the stack or
no checker code is (it reads any memory without further events, so `multiprocessing.Value`/`Array`,
built on it, are refused too); a function's code may be replaced only by the checker; code building is
refused from the learner's frames. A process's `/proc` files are refused unless the checker opens them,
`/proc/*/mem` to anyone but the checker, signals to an ancestor (or to every process) to anyone.

What happens. The first refused event is latched (it cannot be cleared) and the call raises `Tampered`
(a BaseException). The plugin turns the latch into a `tampered` verdict at each check's verdict.

The secret and the record. The per-run HMAC key lives only in this hook's closure: no module, object or
frame that learner code can reach without a refused event holds it (the hook is referenced by the
interpreter alone, and what it calls is bound at install). The record is kept here too: the plugin sends
each check's entry with the event `checker.seal`, honoured only on the main thread, straight from
`seal()` called by the plugin's writer, with no learner frame on the stack; an entry only moves forward
(not-run, then passed, failed or skipped; passed may still become failed), and the plugin sends "passed"
only from the report that passed the check. Learner code can reach the plugin's objects (pytest's
configuration holds it) and spoil them, but that never turns into a pass. Once an event was latched, the
hook ignores the plugin's entries and signs a record whose single check is `tampered` naming the event,
so a learner that keeps running after a refusal (catching `Tampered`, or in a thread) gets nothing more.

Not covered here (see the README's "What the checker guarantees"): processes started with spawn or
forkserver run a fresh interpreter without this hook (they hold no secret and no checker object; what
they can do to other processes is the confinement's job); fork children inherit the hook and its latch,
but a latch in a fork child is not seen by the checker (the refused call still fails there).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable


class Tampered(BaseException):
    """Raised into the learner's code by a refused event (a BaseException: `except Exception` does not
    swallow it, and the verdict is latched anyway)."""


def install(secret: bytes, lang: str, writer: Callable, texts: dict[str, str]) -> None:
    """Add the hook (once per process). `writer` is the one function allowed to call `seal()`; `texts` holds
    the tampered check's name and message (with `{event}` and `{detail}`), already in the learner's
    language."""
    import _hashlib
    import _thread
    import builtins
    import json
    import os
    from types import FunctionType

    # Everything the hook calls is bound here, once: a learner that replaces a builtin or a module's
    # function later cannot change what the hook does.
    isinstance, str, len, open, any, tuple, set, Tampered_ = (  # noqa: A001
        builtins.isinstance, builtins.str, builtins.len, builtins.open, builtins.any, builtins.tuple,
        builtins.set, Tampered)

    if not secret:
        raise ValueError("empty secret")
    hmac_digest = _hashlib.hmac_digest
    get_ident = _thread.get_ident
    getframe = sys._getframe
    os_stat, os_lstat, os_getcwd, os_getpid, os_getpgid = os.stat, os.lstat, os.getcwd, os.getpid, os.getpgid
    from stat import S_ISLNK
    main_ident = get_ident()
    seal_code = seal.__code__
    writer_code = getattr(writer, "__func__", writer).__code__
    name_json = json.dumps(texts["name"], ensure_ascii=False)
    message_json = json.dumps(texts["message"], ensure_ascii=False)  # a JSON string with {event}, {detail}
    del lang

    busy: set[int] = set()
    state: dict[str, Any] = {"armed": False, "latched": None, "learner": "", "roots": (), "checker": (),
                             "kinds": {}, "lines": {}, "ancestors": frozenset(), "groups": frozenset(),
                             "proc_dev": None, "entries": {}}

    STRICT = {"gc.get_objects": "get_objects", "gc.get_referrers": "get_referrers",
              "gc.get_referents": "get_referents", "sys._current_frames": "_current_frames",
              "sys.settrace": "settrace", "sys.setprofile": "setprofile", "sys.addaudithook": "addaudithook",
              "sys.monitoring.register_callback": "monitoring", "sys.monitoring.use_tool_id": "monitoring"}
    BUILD = {"code.__new__", "marshal.loads", "marshal.load", "function.__new__"}
    HARMLESS = {"stat", "statm", "status", "comm", "schedstat", "loadavg", "cpuinfo", "meminfo", "uptime"}
    FRAME_ATTRS = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"}
    LEAKER_FILES = ("/inspect.py", "/pdb.py", "/bdb.py", "/doctest.py", "/asyncio/base_tasks.py",
                    "/_pytest/_code/")
    LEAKER_FUNCS = {("traceback.py", "walk_stack"), ("traceback.py", "walk_tb"),
                    ("traceback.py", "_walk_tb_with_full_positions")}
    LEARNER, CHECKER, STDLIB, LEAKER, CTYPES = "learner", "checker", "stdlib", "leaker", "ctypes"

    def kind(filename: str) -> str:
        kinds = state["kinds"]
        found = kinds.get(filename)
        if found is not None:
            return found
        if filename == state["learner"]:
            found = LEARNER
        elif filename.startswith("<frozen "):
            found = STDLIB
        elif filename.startswith(state["checker"]):
            found = CHECKER
        elif filename.startswith(state["roots"]):
            if "/ctypes/" in filename:
                found = CTYPES
            elif any(part in filename for part in LEAKER_FILES):
                found = LEAKER
            else:
                found = STDLIB
        else:  # the learner's folder, other files, code compiled at run time ("<string>")
            found = LEARNER
        kinds[filename] = found
        return found

    def nearest(frame, skip: tuple[str, ...]):
        """(kind, frame) of the nearest frame whose kind is not in `skip`."""
        while frame is not None:
            code = frame.f_code
            found = kind(code.co_filename)
            if found == STDLIB and (code.co_filename.rpartition("/")[2], code.co_name) in LEAKER_FUNCS:
                found = LEAKER
            if found not in skip:
                return found, frame
            frame = frame.f_back
        return None, None

    def learner_on_stack(frame) -> bool:
        while frame is not None:
            if kind(frame.f_code.co_filename) == LEARNER:
                return True
            frame = frame.f_back
        return False

    def names_call(frame, word: str) -> bool:
        """The checker's line being run names the call (read from the file, not from linecache)."""
        filename = frame.f_code.co_filename
        lines = state["lines"].get(filename)
        if lines is None:
            try:
                with open(filename, encoding="utf-8") as f:
                    lines = f.read().splitlines()
            except OSError:
                lines = []
            state["lines"][filename] = lines
        number = frame.f_lineno
        return 0 < number <= len(lines) and word in lines[number - 1]

    def clean(text: object) -> str:
        return "".join(c for c in str(text)[:120] if c.isalnum() or c in " ._/-:<>()=,")

    def refuse(event: str, detail: object = "") -> None:
        detail = clean(detail) or "-"
        if state["latched"] is None:
            state["latched"] = (clean(event), detail)
        raise Tampered_(f"{event} is not allowed while the checks run ({detail})")

    def open_event(path: object) -> None:
        """Called from the hook (frame 2 is the caller). Most files are not on /proc: one stat, no frames."""
        if isinstance(path, bytes):
            path = path.decode("utf-8", "surrogateescape")
        if not isinstance(path, str) or state["proc_dev"] is None:
            return
        if not path.startswith("/"):
            path = os_getcwd() + "/" + path
        if path.startswith("/proc/"):
            if path.rpartition("/")[2] in HARMLESS and "/../" not in path:
                return  # a process's CPU time, state, parent: what `ps` shows anyone (probes scan them)
        else:  # through a symlink or a relative path, maybe
            try:
                if os_stat(path).st_dev != state["proc_dev"]:
                    return
            except (OSError, ValueError):
                return
        frame = getframe(2)
        if kind(frame.f_code.co_filename) == CHECKER:  # the checker's own (probes read /proc often)
            return
        if path.endswith("/mem"):
            refuse("open", path)
        parts = path.split("/")  # ["", "proc", name, ...]
        try:
            link = S_ISLNK(os_lstat(path).st_mode)
        except (OSError, ValueError):
            link = True
        if (len(parts) > 2 and parts[1] == "proc" and not parts[2].isdigit() and ".." not in parts
                and parts[2] not in ("self", "thread-self") and not link):
            return  # /proc/cpuinfo, /proc/meminfo, /proc/sys/...: about the machine, not a process
        origin, _ = nearest(frame, (STDLIB, LEAKER, CTYPES))
        if origin != CHECKER or learner_on_stack(frame):  # a process's files: the checker's own only
            refuse("open", path)

    def compile_event(args: tuple) -> None:
        """Code compiled under a trusted file's name must be that file's source: else its frames would
        pass for the checker's or Python's."""
        source, filename = args
        if isinstance(filename, bytes):
            filename = filename.decode("utf-8", "surrogateescape")
        if not isinstance(filename, str) or kind(filename) == LEARNER or filename.startswith("<frozen "):
            return
        ident = get_ident()
        if ident in busy:
            return
        busy.add(ident)
        try:
            try:
                with open(filename, "rb") as f:
                    on_disk = f.read()
            except OSError:
                on_disk = None
            if isinstance(source, str):
                source = source.encode("utf-8", "surrogateescape")
            if on_disk is None or source != on_disk:
                if learner_on_stack(getframe(1)):
                    refuse("compile", filename)
        finally:
            busy.discard(ident)

    def hook(event: str, args: tuple) -> None:
        if event.startswith("checker."):
            return private(event, args)
        if not state["armed"]:
            return
        if event == "object.__getattr__":
            if args[1] not in FRAME_ATTRS:
                return
        elif event == "object.__setattr__":  # a function's __code__, __defaults__, __kwdefaults__...
            if not isinstance(args[0], FunctionType) or kind(args[0].__code__.co_filename) == LEARNER:
                return
        elif event == "compile":
            return compile_event(args)
        elif not (event in STRICT or event in BUILD or event == "sys._getframe" or event == "open"
                  or event.startswith("ctypes.") or event in ("os.kill", "os.killpg", "signal.pthread_kill")):
            return
        ident = get_ident()
        if ident in busy:
            return
        busy.add(ident)
        try:
            if event == "open":
                return open_event(args[0])
            frame = getframe(1)
            if event in ("os.kill", "os.killpg"):
                target = args[0]
                if (event == "os.kill" and (target in state["ancestors"] or target == -1)) or \
                        (event == "os.killpg" and target in state["groups"]):
                    refuse(event, f"pid {target}")
                return
            if event == "signal.pthread_kill":
                if args[0] == main_ident and kind(frame.f_code.co_filename) == LEARNER:
                    refuse(event, "main thread")
                return
            if event in STRICT:
                if kind(frame.f_code.co_filename) == CHECKER and names_call(frame, STRICT[event]):
                    return
                refuse(event, "")
            if event.startswith("ctypes."):
                # ctypes reads any memory without further events (memmove, cast): loading it is refused
                # whenever learner code is on the stack, or no checker code is (a thread of the learner's).
                origin, _ = nearest(frame, (CTYPES, STDLIB, LEAKER))
                if origin != CHECKER or learner_on_stack(frame):
                    refuse(event)
                return
            if event in BUILD:
                origin, _ = nearest(frame, (CTYPES,))
                if origin == LEARNER:
                    refuse(event)
                return
            if event == "object.__setattr__":  # only the checker may (a learner's thread could ask a pool)
                code = frame.f_code
                if code.co_name == "coroutine" and code.co_filename.endswith("/types.py"):
                    return  # @types.coroutine sets flags (asyncio uses it); a change is still the guard's
                origin, _ = nearest(frame, (LEAKER, STDLIB, CTYPES))
                if origin != CHECKER or learner_on_stack(frame):
                    refuse(event, f"{args[0].__qualname__}.{args[1]}")
                return
            origin, _ = nearest(frame, (LEAKER,))  # sys._getframe or a frame attribute
            if origin == LEARNER:
                refuse(event, args[1] if event == "object.__getattr__" else "")
        finally:
            busy.discard(ident)

    def private(event: str, args: tuple) -> None:
        ident = get_ident()
        busy.add(ident)
        try:
            private_event(event, args)
        finally:
            busy.discard(ident)

    def private_event(event: str, args: tuple) -> None:
        if event == "checker.seal":
            entries, complete, box = args
            frame = getframe(3)  # 0: private_event, 1: private, 2: hook, 3: seal()
            caller = frame.f_back
            if (get_ident() != main_ident or frame.f_code is not seal_code or caller is None
                    or caller.f_code is not writer_code or learner_on_stack(frame)):
                if state["armed"]:
                    refuse("checker.seal", "not from the checker")
                return
            # The record is kept here, each check's entry changing only forward: not-run, then passed,
            # failed or skipped; passed may still become failed (a teardown); nothing ever becomes passed
            # again. Changing the plugin's objects after a verdict changes nothing.
            kept = state["entries"]
            for key, status, entry in entries:
                before = kept.get(key)
                if before is None or before[0] == "not-run" or (before[0] == "passed" and status == "failed"):
                    kept[key] = (str(status), bytes(entry))
            if state["latched"] is not None:
                event_name, detail = state["latched"]
                message = message_json.replace("{event}", event_name).replace("{detail}", detail)
                payload = ('{"version": 1, "complete": true, "checks": [{"name": %s, "passed": false, '
                           '"code": "tampered", "message": %s, "status": "failed"}]}'
                           % (name_json, message)).encode()
            else:
                payload = (b'{"version": 1, "complete": ' + (b"true" if complete is True else b"false")
                           + b', "checks": [' + b", ".join(entry for _, entry in kept.values()) + b"]}")
            box.append(payload + b"\n" + hmac_digest(secret, payload, "sha256").hex().encode() + b"\n")
        elif event == "checker.arm" and not state["armed"]:
            learner, trusted, checker = args
            state["learner"], state["roots"], state["checker"] = learner, tuple(trusted), tuple(checker)
            state["ancestors"], state["groups"] = _ancestors(os_getpid, os_getpgid)
            try:
                state["proc_dev"] = os_stat("/proc/self").st_dev
            except OSError:
                pass
            state["armed"] = True
        elif event == "checker.tamper":  # the guard found a replaced function (not an audit event)
            if state["latched"] is None:
                state["latched"] = ("setattr", clean(args[0]) or "-")
        elif event == "checker.latched":
            args[0].append(state["latched"])

    sys.addaudithook(hook)


def _ancestors(getpid, getpgid) -> tuple[frozenset[int], frozenset[int]]:
    """The pids of this process's ancestors (not 1), and their process groups other than ours."""
    import os

    pids, pid = set(), os.getppid()
    while pid > 1 and len(pids) < 64:
        pids.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                pid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    groups = set()
    for pid in pids:
        try:
            groups.add(getpgid(pid))
        except OSError:
            pass
    groups.discard(getpgid(0))
    return frozenset(pids), frozenset(groups)


def arm(learner_file: str, checker_dirs: Iterable[str]) -> None:
    """From now on, learner-originated events are refused. Trusted: the standard library and installed
    packages, plus `checker_dirs` (the checker's package, the suite's folder)."""
    import sysconfig

    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    roots |= {p for p in sys.path if "site-packages" in p or "dist-packages" in p}
    checker = tuple(d.rstrip("/") + "/" for d in checker_dirs)
    sys.audit("checker.arm", learner_file, tuple(r.rstrip("/") + "/" for r in roots if r), checker)


def seal(entries: list[tuple[str, str, bytes]], complete: bool) -> bytes:
    """The signed record: every check's entry kept by the hook, updated with `entries` (key, status, its
    JSON); after a refused event, the `tampered` record."""
    box: list[bytes] = []
    sys.audit("checker.seal", entries, complete, box)
    if not box:
        raise RuntimeError("the audit hook is not installed")
    return box[0]


def latch(names: str) -> None:
    """Latch a tamper found by the guard: from now on only a `tampered` record is signed."""
    sys.audit("checker.tamper", names)


def latched() -> tuple[str, str] | None:
    """(event, detail) of the first refused event, if any."""
    box: list = []
    sys.audit("checker.latched", box)
    return box[0] if box else None
