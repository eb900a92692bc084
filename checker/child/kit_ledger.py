"""A ledger: what a measurement records (calls, counts, the most in flight at once...), kept where learner code
cannot write it, and written only by the measuring code's own frames.

    ledger = Ledger(heartbeat, (meet, tracked))  # who writes: a function, or a function called by the next one
    ledger.write(("add", "ticks", 1))            # in heartbeat: ticks + 1 (and the most it ever was)
    ledger.read("ticks"), ledger.peak("ticks")   # anyone: a copy (a list comes back as a tuple)

Why: whatever a suite hands to learner code (a stand-in for one of its functions, a callback) carries the
suite's measuring objects in its closure, and Python lets anyone read a closure or a function's globals, call
any method, and rewrite any list or instance attribute, with no audit event: a learner could note calls that
never happened, or empty the list of those made in the wrong thread, and pass. Here the records live in the
locals of a generator that only this module drives (a generator's frame is out of reach: the audit hook
refuses `gi_frame` and `gc.get_referents` to learner code), behind a tuple that cannot be rebound. A write is
accepted only when `Ledger.write` is called by one of the `writers` (by the code of the function: code cannot
be swapped, the hook refuses `__code__` writes and building functions), itself called by the rest of its path;
anything else (a learner calling the measuring code's helpers, `write`, or the generator itself, throwing into
it, closing it) latches `tampered`: the record then says tampered whatever happens later.

The writers must be the measuring code itself (a stand-in, a heartbeat): a method that learner code can call
and that writes what it is told would let it write. Reading is open: it changes nothing and hands out copies;
but a record whose key starts with "_" is the writers' own, read through `write(("read", "_key", None))` only
(the objects the measuring code works with: a stand-in's function and hooks, whose closures hold the suite's
probes).

The mechanics every store kept in a generator's locals shares are `Keeper`'s: the generator started and reached
only through its bound send, under a reentrant lock, an `Ended` once it has returned, and `sender()`, which
tells the generator the frame of the code that sent (through `Keeper.send`). A Ledger is a Keeper; so is
virtual time's record of a run (checker/child/virtual.py).
"""

from __future__ import annotations

import sys
import sysconfig
import threading
from pathlib import Path
from types import CodeType, FrameType, FunctionType, MappingProxyType, MethodType
from typing import Any, Callable, Generator

from checker.child.kit_verdicts import tampered

_getframe = sys._getframe  # bound at import, before the learner's code loads
READS = frozenset({"read", "peak"})  # the verbs that change nothing
CHECKER_DIR = str(Path(__file__).resolve().parents[1]) + "/"  # checker/: the checker's own code
# Python's own library, as the base interpreter has it: in a virtual environment the `platstdlib` of its own
# scheme is the venv's lib/pythonX.Y, which holds site-packages, where an installed checker lives
STDLIB = tuple({sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_exec_prefix})[key] + "/"
                for key in ("stdlib", "platstdlib")})


def caller_file(depth: int) -> str:
    """The file of the code that called, `depth` frames up from the caller of this function, looking through
    Python's own (a dataclass's __init__, threading's run, a property) and code of no file: "" when there is
    none. A probe's method that only the suite (the file that made the probe) or the checker may call compares
    this with the file it noted when it was made (a code's file cannot be rewritten: the audit hook refuses
    building code and `__code__` writes)."""
    frame = _getframe(depth + 1)
    while frame is not None:
        name = frame.f_code.co_filename
        if type(name) is str and (name.startswith(CHECKER_DIR) or not name.startswith(("<", *STDLIB))):
            return name
        frame = frame.f_back
    return ""


def code_of(writer: Callable | CodeType) -> CodeType:
    """The code a writer's frames run (a function's, a method's, or a code object as is)."""
    if type(writer) is CodeType:
        return writer
    if type(writer) is MethodType:
        writer = writer.__func__
    if type(writer) is not FunctionType:
        raise TypeError(f"a ledger's writer is a function or its code, not {type(writer).__name__}")
    return writer.__code__


def nested(function: Callable | CodeType, name: str) -> tuple[CodeType, ...]:
    """The code of every function called `name` defined inside `function` (at any depth): the code of a
    nested function is the same object each time the outer function makes one."""
    found, todo = [], [code_of(function)]
    while todo:
        for const in todo.pop().co_consts:
            if type(const) is CodeType:
                if const.co_name == name:
                    found.append(const)
                todo.append(const)
    return tuple(found)


def read_only(data: Any) -> Any:
    """A suite's constant data made read-only, all the way down: a dict becomes a mapping proxy (whose dict
    nothing hands out), a list a tuple. A suite's module is in sys.modules, and its detached checks see its
    globals through a copy of the module's dict, not of the lists and dicts in it: learner code could shorten
    a list of cases, or rewrite an answer key, before the checks read them."""
    if type(data) is dict:
        return MappingProxyType({key: read_only(value) for key, value in data.items()})
    if type(data) in (list, tuple):
        return tuple(read_only(value) for value in data)
    return data


class Ended(tuple):
    """What `Keeper.send` answers once the generator has returned: (what it returned,)."""

    __slots__ = ()

    @property
    def value(self) -> Any:
        return self[0]


class Keeper(tuple):
    """What the stores kept in a generator's locals share (a Ledger here, virtual time's records in
    checker/child/virtual.py; the race scheduler's registry could too): the generator, started, reached only
    through its bound `send` (its frame is out of learner code's reach: the audit hook refuses `gi_frame`), and
    the lock every message takes (a generator runs in one thread at a time; reentrant, so that its holder may
    read several times at one moment). A tuple: neither can be rebound.

    `keeper.send(message)` → the generator's reply, or an `Ended` once it has returned. In its body the
    generator tells who sent a message with `sender(own)` (`own`: its own frame): the frame of the code that
    called `Keeper.send`, or None when the generator was sent to any other way (learner code calling its bound
    send itself)."""

    __slots__ = ()

    def __new__(cls, generator: Generator) -> "Keeper":
        next(generator)
        return tuple.__new__(cls, (generator.send, threading.RLock()))

    @property
    def lock(self) -> threading.RLock:
        return self[1]

    def send(self, message: Any) -> Any:
        with self[1]:
            try:
                return self[0](message)
            except StopIteration as stop:
                return Ended((stop.value,))


def sender(own: FrameType | None) -> FrameType | None:
    """Called in a keeper's generator with the generator's own frame (read once in its body, before its first
    yield: `own = _getframe(0)`): the frame that called `Keeper.send`, or None when the generator was not sent
    to through it. A running generator's frame has, as its `f_back`, the frame that resumed it (`Keeper.send`
    here), and reading `f_back` raises no audit event: a message costs no `sys._getframe`."""
    send = own.f_back if type(own) is FrameType else None
    return send.f_back if send is not None and send.f_code is _SEND else None


_SEND = Keeper.send.__code__


def _keep(paths: tuple[tuple[CodeType, ...], ...], write_code: CodeType, sent_by: Callable, forged: Callable,
          _getframe: Callable = _getframe):
    """The generator that holds the records in its locals (a Keeper's): sent (ops, writing), answers (True,
    replies), or (False, why) after latching a tamper."""
    records: dict[str, Any] = {}
    peaks: dict[str, Any] = {}
    reply: Any = None
    own = _getframe(0)  # (see sender(); `_getframe` bound as a default, which cannot be rewritten)
    while True:
        try:
            sent = yield reply
        except GeneratorExit:  # closed: by the garbage collector, or by learner code (its next use says so)
            return
        except BaseException:  # thrown in by learner code (only this module sends, and never throws)
            reply = (False, forged("a ledger's generator, thrown into"))
            continue
        # what Ledger.write and _ask send: a tuple (ops, writing), ops a tuple of (str, key, value) tuples; looked at
        # once, by exact types (an object of the learner's could answer one way when checked, another when used)
        ops = sent[0] if type(sent) is tuple and len(sent) == 2 and type(sent[0]) is tuple else None
        if ops is None or not all(type(op) is tuple and len(op) == 3 and type(op[0]) is str and type(op[1]) is str
                                  for op in ops):
            reply = (False, forged("a ledger's generator, sent what the ledger never sends"))
            continue
        writing = sent[1] is not False or not all(op[0] in READS and op[1][:1] != "_" for op in ops)
        if writing and not _written_by(paths, write_code, sent_by(own)):
            reply = (False, forged("a measurement's records, written by code that is not the measuring code"))
            continue
        try:
            reply = (True, _apply(records, peaks, ops))
        except Exception:  # noqa: BLE001 - a writer's mistake: nothing of the learner's runs here
            reply = (False, forged("a ledger's generator, sent an operation it cannot do"))


def _apply(records: dict[str, Any], peaks: dict[str, Any], ops: tuple) -> list:
    """Do `ops` on the records (in the generator's frame), their replies in order."""
    replies = []
    for verb, key, value in ops:
        if verb == "read":
            found = records.get(key, value)
            replies.append(tuple(found) if type(found) is list else found)
        elif verb == "peak":
            replies.append(peaks.get(key, value))
        elif verb == "put":
            records[key] = value
            replies.append(value)
        elif verb == "add":
            total = records[key] = records.get(key, 0) + value
            if total > peaks.get(key, total - 1):
                peaks[key] = total
            replies.append(total)
        elif verb == "append":
            log = records.setdefault(key, [])
            log.append(value)
            replies.append(len(log) - 1)
        elif verb == "replace":
            index, item = value
            records[key][index] = item
            replies.append(item)
        else:
            raise ValueError(f"unknown ledger operation {verb!r}")
    return replies


def _written_by(paths: tuple[tuple[CodeType, ...], ...], write_code: CodeType, frame: FrameType | None) -> bool:
    """The generator was sent to by Ledger.write (`frame`, the sender, through Keeper.send), and the frames above
    write follow one of `paths`."""
    if frame is None or frame.f_code is not write_code:
        return False
    caller = frame.f_back
    for path in paths:
        frame, last = caller, len(path) - 1
        for depth, code in enumerate(path):
            if frame is None or frame.f_code is not code:
                break
            if depth < last:
                frame = frame.f_back
        else:
            return True
    return False


def _forged(names: str) -> str:
    tampered(names)  # latched: from now on only a `tampered` record is signed
    return names


class Ledger(Keeper):
    """Records written only by `writers` (see the module's docstring). A Keeper (the generator's send, the lock
    every use takes): `lock` may be held by the suite around several reads (it is reentrant)."""

    __slots__ = ()

    def __new__(cls, *writers: Callable | CodeType | tuple) -> "Ledger":
        paths = tuple(tuple(code_of(w) for w in (writer if type(writer) is tuple else (writer,)))
                      for writer in writers)
        return Keeper.__new__(cls, _keep(paths, Ledger.write.__code__, sender, _forged))

    def write(self, *ops: tuple[str, str, Any]) -> list:
        """Apply `ops`, each (verb, key, value): ("put", key, value), ("add", key, n) -> the new count (and
        its peak), ("append", key, item) -> its index, ("replace", key, (index, item)), ("read", key, default).
        Their replies, in order. Called by a writer only; from anything else, latches `tampered` and raises it.
        (The generator knows a write by the code that sent it: this method's, called by a writer.)"""
        return _answer(Keeper.send(self, (ops, True)))

    def read(self, key: str, default: Any = None) -> Any:
        """The record `key` (a log as a tuple), or `default`; a "_" key only through write()."""
        return self._ask((("read", key, default),))[0]

    def peak(self, key: str, default: Any = 0) -> Any:
        """The most the count `key` ever was."""
        return self._ask((("peak", key, default),))[0]

    def reads(self, *keys: str) -> list:
        """Several records read at once (one consistent moment)."""
        return self._ask(tuple(("read", key, None) for key in keys))

    def _ask(self, ops: tuple) -> list:
        """Send `ops` as reads (a write among them is refused, as from anyone but a writer)."""
        return _answer(Keeper.send(self, (ops, False)))


def _answer(reply: Any) -> Any:
    """The replies of a ledger's generator, or `tampered` raised (latched already, or now: it ended)."""
    if type(reply) is Ended:
        reply = (False, _forged("a ledger's generator, closed while in use"))
    done, replies = reply
    if not done:
        raise tampered(replies)
    return replies
