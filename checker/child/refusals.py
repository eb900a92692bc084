"""Which audit events the child refuses, and how it tells who raised them: the rules of the audit hook
(checker/child/audit.py, which holds the secret and the record and calls `rules()` once, at install).

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
refused from the learner's frames, and code run under a trusted file's name (`exec`, a function's `__code__`)
must be the code Python makes of that file (learner code renamed by `_imp._fix_co_filename`, which raises
no event, would pass for the checker's or Python's). A process's `/proc` files are refused unless the checker opens them,
`/proc/*/mem` to anyone but the checker, signals to an ancestor (or to every process) to anyone.

Bound once. Everything the rules call, and every builtin they name, is bound when `rules()` runs, before
the learner's code loads: a learner that later replaces a builtin, a module's function or this module's
own names cannot change what the hook decides (tests/checker/test_audit.py reads the rules' code and finds
no name looked up at run time).
"""

from __future__ import annotations

from typing import Any, Callable


class Tampered(BaseException):
    """Raised into the learner's code by a refused event (a BaseException: `except Exception` does not
    swallow it, and the verdict is latched anyway)."""


def rules(state: dict[str, Any], private: Callable, unguarded: Callable, main_ident: int) -> tuple[Callable, ...]:
    """(hook, refuse, learner_on_stack, clean, exact), bound now. `hook(event, args)` is the audit hook: it hands
    the checker's own events (checker.seal, checker.arm...) to `private`, and raises `Tampered` for a
    refused event once `state` is armed (its "learner", "roots", "checker", "ancestors", "groups",
    "proc_dev" set by the hook at arm time); `refuse` latches the first refusal in `state["latched"]`.
    `private` runs inside the hook's guard: while a thread is in it, the events it raises are let through.
    `unguarded(event, args)` runs first, outside it, for the events of UNGUARDED once armed (the guard's
    comparison, which may look up a learner's key in a namespace: its code is checked as any other's).
    `main_ident`: the thread that runs the checks (signalled by the learner's code, it is refused)."""
    import _thread
    import builtins
    import gc
    import os
    import re
    import sys
    from stat import S_ISLNK
    from _imp import get_frozen_object, is_frozen
    from types import CodeType, FunctionType, TracebackType

    isinstance, str, bytes, int, len, open, any, compile = (  # noqa: A001
        builtins.isinstance, builtins.str, builtins.bytes, builtins.int, builtins.len, builtins.open, builtins.any,
        builtins.compile)
    # a str's or bytes' characters as Python reads them, whatever a subclass's own methods say
    str_copy, bytes_decode = builtins.str.__str__, builtins.bytes.decode
    PATH_OBJECT = "<a path object>"
    OSError, ValueError, SyntaxError, Tampered_ = (  # noqa: A001
        builtins.OSError, builtins.ValueError, builtins.SyntaxError, Tampered)
    type_, issubclass_, id_ = builtins.type, builtins.issubclass, builtins.id
    gc_isenabled, gc_disable, gc_enable = gc.isenabled, gc.disable, gc.enable
    get_ident, getframe = _thread.get_ident, sys._getframe
    os_stat, os_lstat, os_getcwd = os.stat, os.lstat, os.getcwd
    busy: set[int] = set()  # the threads inside the hook

    STRICT = {"gc.get_objects": "get_objects", "gc.get_referrers": "get_referrers",
              "gc.get_referents": "get_referents", "sys._current_frames": "_current_frames",
              "sys.settrace": "settrace", "sys.setprofile": "setprofile", "sys.addaudithook": "addaudithook",
              "sys.monitoring.register_callback": "monitoring", "sys.monitoring.use_tool_id": "monitoring"}
    BUILD = {"code.__new__", "marshal.loads", "marshal.load", "function.__new__"}
    coding_cookie = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)").match  # a C method, bound now
    PROCESS_FILES = {"mem", "maps", "smaps", "pagemap", "environ", "cmdline", "auxv", "stack", "syscall",
                     "mountinfo", "fd", "fdinfo", "map_files", "root", "cwd", "exe", "task", "self", "thread-self"}
    HARMLESS = {"stat", "statm", "status", "comm", "schedstat", "loadavg", "cpuinfo", "meminfo", "uptime"}
    FRAME_ATTRS = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"}
    LEAKER_FILES = ("/inspect.py", "/pdb.py", "/bdb.py", "/doctest.py", "/asyncio/base_tasks.py",
                    "/_pytest/_code/")
    LEAKER_FUNCS = {("traceback.py", "walk_stack"), ("traceback.py", "walk_tb"),
                    ("traceback.py", "_walk_tb_with_full_positions")}
    LOGGING = "/logging/__init__.py"  # its `currentframe` (a lambda): sys._getframe for its caller
    LEARNER, CHECKER, STDLIB, LEAKER, CTYPES = "learner", "checker", "stdlib", "leaker", "ctypes"

    def exact(value: object, default: str = "-") -> str:
        """`value` as an exact str, read by its characters as Python reads them. The hook never calls a
        method of an object that learner code may have made (a str subclass's startswith, __hash__,
        __format__...): that code would run inside the hook, where the events it raises are let through."""
        kind_of = type_(value)
        if kind_of is str:
            return value
        return str_copy(value) if issubclass_(kind_of, str) else default

    def as_text(value: object) -> str | None:
        """A str or bytes (a file's name) as an exact str, by its contents (see `exact`); None for any other
        object."""
        kind_of = type_(value)
        if issubclass_(kind_of, bytes):
            return bytes_decode(value, "utf-8", "surrogateescape")
        return exact(value) if issubclass_(kind_of, str) else None

    def kind(filename: str) -> str:
        if type_(filename) is not str:  # code compiled under a str subclass's name
            filename = exact(filename, "<not a file name>")
        kinds = state["kinds"]
        found = kinds.get(filename)
        if found is not None:
            return found
        if filename == state["learner"] or "/../" in filename or "/./" in filename or "//" in filename:
            found = LEARNER  # a name that is not the file's own spelling: `<checker>/../../learner.py`
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
            if found == STDLIB:
                name, function = exact(code.co_filename), exact(code.co_name)
                if ((name.rpartition("/")[2], function) in LEAKER_FUNCS
                        or (function == "<lambda>" and name.endswith(LOGGING))):
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
        """The checker's line being run names the call (read from the file, not from linecache); remembered
        by the code and the instruction (a frame's line number is worked out from its code's line table)."""
        code = frame.f_code
        where = (id_(code), frame.f_lasti, word)
        said = state["named"].get(where)
        if said is None:
            said = state["named"][where] = (code, naming(frame, word))  # (the code kept: its id stays its own)
        return said[1]

    def naming(frame, word: str) -> bool:
        filename = exact(frame.f_code.co_filename, "")
        lines = state["lines"].get(filename)
        if lines is None:
            try:  # bytes decoded as UTF-8 by Python's own decoder: no codec is looked up (a learner's could be)
                with open(filename, "rb") as f:
                    lines = bytes_decode(f.read(), "utf-8", "replace").splitlines()
            except OSError:
                lines = []
            state["lines"][filename] = lines
        number = frame.f_lineno
        return 0 < number <= len(lines) and word in lines[number - 1]

    def clean(text: object) -> str:
        return "".join(c for c in exact(text, "")[:120] if c.isalnum() or c in " ._/-:<>()=,")

    def refuse(event: str, detail: object = "") -> None:
        detail = clean(detail) or "-"
        if state["latched"] is None:
            state["latched"] = (clean(event), detail)
        raise Tampered_(f"{event} is not allowed while the checks run ({detail})")

    def on_proc(path: object, mode: object) -> str | None:
        """The path if it may name a file of /proc (most files do not: one stat, no frame), else None;
        PATH_OBJECT for a path given as an object (FileIO's event carries it, not the str it opens). A str
        or bytes subclass is read as Python opens it, by its characters, never by its own methods."""
        if state["proc_dev"] is None or issubclass_(type_(path), int):  # its real type: isinstance would
            return None                                                 # believe a __class__ that lies
        path = as_text(path)
        if path is None:
            return PATH_OBJECT
        if not path.startswith("/"):
            given = path
            path = os_getcwd() + "/" + path
            if mode is None and (".." in given.split("/") or given.rpartition("/")[2] in PROCESS_FILES):
                try:  # os.open, maybe with a dir_fd the event does not carry: "../self/mem" beside /proc/sys
                    os_stat(path)
                except (OSError, ValueError):
                    return "/proc/?/" + given
        if path.startswith("/proc/"):
            if path.rpartition("/")[2] in HARMLESS and "/../" not in path:
                return None  # a process's CPU time, state, parent: what `ps` shows anyone (probes scan them)
            return path
        try:  # through a symlink or a relative path, maybe
            return path if os_stat(path).st_dev == state["proc_dev"] else None
        except (OSError, ValueError):
            return None

    def open_event(path: str, frame) -> None:
        """A file of /proc: the machine's to anyone, a process's to the checker only."""
        if kind(frame.f_code.co_filename) == CHECKER:  # the checker's own (probes read /proc often)
            return
        if path is not PATH_OBJECT:  # (which file a path object names cannot be known here)
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
        """Code compiled by learner code under a name that is not its own (a file of the checker's or of
        Python's, a frozen module's, or none: a syntax tree, whose event names no file) runs in frames that
        pass for theirs: refused, whatever the source. (Called by `check`, inside its guard.)"""
        filename = args[1]  # the name as it was given (Python hands the source over as exact bytes)
        name = "a syntax tree" if filename is None else as_text(filename)
        if name is not None and (filename is None or kind(name) != LEARNER) and learner_on_stack(getframe(1)):
            refuse("compile", name)

    def genuine(filename: str):
        """The module code Python makes of a trusted file (its source compiled, or the frozen module's), or
        None when there is none."""
        if filename.startswith("<frozen ") and filename.endswith(">"):
            name = filename[8:-1]
            return get_frozen_object(name) if is_frozen(name) else None
        try:
            with open(filename, "rb") as f:
                source = f.read()
            # Compiled from text decoded here as UTF-8: a file that declares another encoding would have
            # Python look its codec up, and a codec or an import the learner's code registered would run
            # inside the hook. Such a file (rare in Python's library) is not verified, hence refused.
            for line in source.split(b"\n", 2)[:2]:  # PEP 263: a cookie on the first or second line
                cookie = coding_cookie(line)
                if cookie is not None and cookie.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
                    return None
            return compile(bytes_decode(source, "utf-8"), filename, "exec", dont_inherit=True)
        except (OSError, ValueError, SyntaxError):
            return None

    def exec_event(code) -> None:
        """Code run under a trusted file's name (the checker's, Python's) must be that file's: the import
        system running a module. Learner code renamed after compiling (`_imp._fix_co_filename`: no event)
        would otherwise run in frames that pass for the checker's or Python's. (Called by `check`, inside
        its guard; a module is imported once, so each file is compiled here once.)"""
        name = exact(code.co_filename)
        made = state["genuine"].get(name)
        if made is None:
            made = state["genuine"][name] = genuine(name) or False
        if made is False or made != code:
            refuse("exec", name)

    WATCHED = frozenset({"object.__getattr__", "object.__setattr__", "compile", "exec", "sys._getframe", "open",
                         "os.kill", "os.killpg", "signal.pthread_kill", *STRICT, *BUILD})
    PRIVATE = frozenset({"checker.seal", "checker.arm", "checker.tamper", "checker.latched", "checker.compare",
                         "checker.complete"})
    UNGUARDED = frozenset({"checker.seal", "checker.compare"})

    def check(event: str, args: tuple) -> None:
        """The hook, called by Python for every event (frame 1 is the code that raised it). Python raises
        many, the checker's own frame walks too (reading `f_code` is one): most are none of these, and cost
        one set lookup and one character compared (the other names start with "checker." or "ctypes."). The
        most frequent first, with no hash: a frame's or a function's code read, `id()`. (Python hands the hook
        the event's name as an exact str of its own making, whatever str sys.audit was given.)"""
        if event == "object.__getattr__":  # (Python names the attribute with an exact str: anything else, a
            if type_(args[1]) is not str or args[1] not in FRAME_ATTRS or not state["armed"]:  # forged event,
                return                                                                     # is never hashed)
        elif event == "builtins.id":
            return
        elif event not in WATCHED:
            if event[:1] != "c":
                return
            if event not in PRIVATE and not (state["armed"] and event.startswith("ctypes.")):
                return
        elif not state["armed"]:
            return
        elif event == "object.__setattr__":  # a function's __code__, __defaults__, __kwdefaults__...
            if type_(args[0]) is not FunctionType:  # (it has no subclass; isinstance believes a lying __class__)
                return
            if kind(args[0].__code__.co_filename) == LEARNER and not (  # a learner's function given code
                    type_(args[2]) is CodeType and kind(args[2].co_filename) != LEARNER):  # of a trusted file
                return
        elif event == "exec":  # code run: only a trusted file's own code under its name (exec_event)
            if type_(args[0]) is not CodeType or kind(args[0].co_filename) == LEARNER:
                return
        elif event == "open":
            path = on_proc(args[0], args[1] if len(args) > 1 else "")
            if path is None:
                return
        ident = get_ident()
        if ident in busy:
            return
        if event in UNGUARDED and state["armed"]:
            unguarded(event, args)
            if event == "checker.compare":
                return
        busy.add(ident)
        collecting = gc_isenabled()  # no collection inside: a gc callback or finalizer of the learner's
        gc_disable()                 # would run where the events it raises are let through
        try:
            if event in PRIVATE:
                return private(event, args)
            if event == "compile":
                return compile_event(args)
            if event == "exec":
                return exec_event(args[0])
            frame = getframe(1)  # 0: this hook, 1: the code that raised the event
            if ((event == "sys._getframe" or (event == "object.__getattr__" and args[1] != "tb_frame"))
                    and kind(frame.f_code.co_filename) == CHECKER):
                return  # the checker's own frame reads (its probes and ledgers ask who called them, often)
            if event == "open":
                return open_event(path, frame)
            if event in ("os.kill", "os.killpg"):
                target = args[0]
                if type_(target) is not int:  # Python raises it with the pid as an int: a forged event
                    return
                if (event == "os.kill" and (target in state["ancestors"] or target == -1
                                            or -target in state["groups"])) or \
                        (event == "os.killpg" and target in state["groups"]):  # kill(-g) is killpg(g)
                    refuse(event, f"pid {target}")
                return
            if event == "signal.pthread_kill":
                if type_(args[0]) is int and args[0] == main_ident and kind(frame.f_code.co_filename) == LEARNER:
                    refuse(event, "the checks thread")
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
                if exact(code.co_name) == "coroutine" and exact(code.co_filename).endswith("/types.py"):
                    return  # @types.coroutine sets flags (asyncio uses it); a change is still the guard's
                origin, _ = nearest(frame, (LEAKER, STDLIB, CTYPES))
                if origin != CHECKER or learner_on_stack(frame):
                    refuse(event, f"{exact(args[0].__qualname__)}.{exact(args[1])}")
                return
            if event == "object.__getattr__" and type_(args[0]) is TracebackType and exact(args[1]) == "tb_frame":
                # a traceback through this hook (it raised, or failed on a forged event): its frames hold what
                # the hook holds, so no code of the learner's reads them, not even through Python's traceback
                if id_(args[0].tb_frame.f_code) in state["hook_codes"] and learner_on_stack(frame):
                    refuse("tb_frame", "the audit hook's own frame")
            origin, _ = nearest(frame, (LEAKER,))  # sys._getframe or a frame attribute
            if origin == LEARNER:
                refuse(event, exact(args[1]) if event == "object.__getattr__" else "")
        finally:
            busy.discard(ident)
            if collecting:
                gc_enable()

    return check, refuse, learner_on_stack, clean, exact
