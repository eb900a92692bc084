"""The functions that decide a verdict run with globals and builtins of their own, copied before the learner's
code loads: the suite's functions, and the checker's own helpers that a check calls (checker.child.*).

Why: a module's attributes, and the builtins, can be rewritten with no audit event (only a function's code or
defaults raise one), and a rewrite undone before the guard looks (checker/child/guard.py compares as each call
starts and ends, and before a pass) leaves nothing to see. A learner's function, called by a check, could
swap the suite's `expect` for a no-op (found through `sys.modules`) that puts the real one back at its last
use; or rebind `builtins.type` so that `same()` takes an object equal to anything for a str, and put it back
as `same()` asks its second question; or rebind `checker.child.virtual.VirtualRun`, which `Virtual.__call__`
reads once the run is over. With globals and builtins of their own, the checks and the checker's helpers
still call what was there before the learner's code loaded: the swap changes nothing they run, and it stays
where it was made, where the guard finds it (`tampered`).

What is detached:
- the suite (`detach`): the functions its module defines (its tests and its helpers, which call each other
  through the copy), with a private copy of the builtins, and the modules it imported (`pytest`,
  `asyncio`...), each seen through an immutable copy of its attributes taken at the same time (`Frozen`):
  `pytest.approx` rebound in pytest's module, to return an object equal to anything, is not the
  `pytest.approx` the checks call (which is the plugin's: it compares pytest's approx module before it makes
  an approx, since the approx's `__eq__` is looked up on its class);
- the checker (`detach_checker`, called by the plugin before it is registered, and again at collection for
  the checker modules a suite imported): each function of a `checker.child` module (and of the few `checker`
  modules they use: `CHECKER_EXTRA`), module-level or a method of a class it defines, is replaced, in its
  module and its class, by a copy whose globals are a private copy of the module's and whose builtins are the
  private copy; in those globals the checker's modules are `Frozen` too. Python's and pytest's modules stay
  themselves for the checker: it patches some of them on purpose for a run (virtual.py's
  `asyncio.new_event_loop`, probes.py's `time.sleep`), and the guard watches their functions.
  Not detached: the audit hook's modules (audit, refusals, chains: they bind what they use when the hook is
  installed, and chains tells frames by their globals), the child's entry and fork server, and this module.
- every class of the checker's modules, detached or not, is then made immutable (checker/child/immutable.py):
  a class's attribute too can be rewritten with no audit event, and a method swapped and put back at its
  first use (the virtual clock's `_Loops.timed`) would leave nothing to compare.

Not reached: what Python's and pytest's own functions look up (their globals, their classes' attributes):
what the checker calls of them between two comparisons is compared where it is used (the plugin's
`readouterr`), and `kata class grade` flags code that reaches the grader's modules (checker/scan.py).
"""

from __future__ import annotations

import builtins
import sys
from types import FunctionType, MappingProxyType, ModuleType
from typing import Any, Iterable

from checker.child import immutable

# The checker's modules outside checker.child that its helpers use (messages, timelines, the report's checks).
CHECKER_EXTRA = ("checker.i18n", "checker.timeline", "checker.report", "checker.codes")
# The audit hook's modules: not detached (see above), but seen by the detached globals as they were.
HOOK_MODULES = ("checker.child.audit", "checker.child.refusals", "checker.child.chains")
# checker.child modules left as they are: the hook's, the entry, the fork server, this one.
NOT_DETACHED = (*HOOK_MODULES, "checker.child.__main__", "checker.child.forkserver", "checker.child.detach")

_builtins: dict[str, Any] = {}  # the private copy, made once, at the first detach
_copies: dict[int, FunctionType] = {}  # id of a detached function -> its copy
_kept: list[FunctionType] = []  # the detached functions, kept alive so that their ids stay theirs
_private: dict[str, dict[str, Any]] = {}  # checker module name -> its functions' globals
_views: dict[str, Frozen] = {}  # checker module name -> what the detached globals see of it
_suites: dict[str, dict[str, Any]] = {}  # suite module name -> its functions' globals


def private_builtins() -> dict[str, Any]:
    """A copy of the builtins as they are at the first call (before the learner's code loads)."""
    if not _builtins:
        _builtins.update(vars(builtins))
    return _builtins


def detach(module: ModuleType, items: Iterable[Any], swaps: dict[int, Any] | None = None) -> None:
    """Give the functions `module` defines a copy of its globals and of the builtins, and `items` (pytest's,
    collected from it) those functions. `swaps`: by the id of a function of the suite's globals or of a module
    it imported, what the copy sees in its place (the plugin's `pytest.approx`, which compares first)."""
    shared = vars(module)
    swaps = {**_copies, **(swaps or {})}
    private = {name: frozen(value, swaps) if isinstance(value, ModuleType)
               else constant(name, swaps.get(id(value), value)) for name, value in shared.items()}
    private["__builtins__"] = private_builtins()
    _suites[module.__name__] = private
    copies: dict[int, FunctionType] = {}
    for name, value in shared.items():
        if isinstance(value, FunctionType) and value.__globals__ is shared:
            private[name] = copies[id(value)] = _copy(value, private)
    for item in items:
        function = getattr(item, "obj", None)
        if id(function) in copies:
            item.obj = copies[id(function)]


def detach_checker() -> None:
    """Detach the checker's modules loaded now and not detached yet (see the module's docstring)."""
    new = {name: module for name, module in _checker_modules() if name not in NOT_DETACHED and name not in _private}
    for name, module in new.items():
        shared = vars(module)
        private = _private[name] = {key: constant(key, value) for key, value in shared.items()}
        private["__builtins__"] = private_builtins()
        for key, value in list(shared.items()):
            if isinstance(value, FunctionType) and value.__globals__ is shared:
                _detached(value, private)
            elif isinstance(value, type) and value.__module__ == name:
                _detach_class(value, shared, private)
    for name in (*_private, *HOOK_MODULES):  # what the detached globals see of the checker's modules
        module = sys.modules.get(name)
        if name not in _views and isinstance(module, ModuleType):
            _views[name] = frozen(module)
    # every checker class, detached or not (the hook's, this module's), immutable from now on: its
    # methods cannot be swapped (checker/child/immutable.py)
    for name, module in _checker_modules():
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == name:
                immutable.freeze(value)
    # every reference to a detached function, in the modules, their copies and their views, is its copy now
    for name, private in _private.items():
        for namespace in (vars(sys.modules[name]), private):
            for key, value in list(namespace.items()):
                if type(value) is FunctionType and id(value) in _copies:
                    namespace[key] = _copies[id(value)]
        view = _views[name]
        for key, value in list(vars(view).items()):
            if type(value) is FunctionType and id(value) in _copies:
                _set(view, key, _copies[id(value)])
        for key, value in list(private.items()):
            view = _views.get(getattr(value, "__name__", None)) if isinstance(value, ModuleType) else None
            if view is not None and sys.modules.get(value.__name__) is value:
                private[key] = view


def namespaces() -> list[tuple[str, Any]]:
    """(label, namespace) of every private copy: the builtins, the checker's modules' globals, the suites'.
    Learner code reaches them (a detached function's `__globals__` raises no audit event): the plugin hands
    them to the audit hook, which compares them (checker/child/guard.py `namespace_references`). The modules'
    views these globals hold are made immutable here, once every copy is in place (the last detach is over:
    the learner's code is about to load): a view is compared only where that fails (another interpreter's
    layout, checker/child/immutable.py)."""
    found = [("private builtins", _builtins)] if _builtins else []
    found += [(f"{name} (private globals)", private) for name, private in (*_private.items(), *_suites.items())]
    views = {id(view): view for _, private in found[1:] for view in private.values() if type(view) is Frozen}
    return found + [(f"{view.__name__} (as the checker sees it)", vars(view)) for view in views.values()
                    if not immutable.freeze(view)]


def forget() -> None:
    """Drop this module's references to the private copies, once the learner's code is about to load (the
    copies keep their globals alive themselves): `sys.modules` then leads to none of them."""
    global _builtins, _copies, _kept, _private, _views, _suites
    _builtins, _copies, _kept, _private, _views, _suites = {}, {}, [], {}, {}, {}


def constant(name: str, value: Any) -> Any:
    """What the private globals hold of a module's constant (a name in capitals): its dicts, lists and sets
    read-only all the way down (a mapping proxy, whose dict nothing hands out; a tuple; a frozenset). The module's
    own is as writable as ever, through sys.modules: a list of cases shortened, an answer key or a guard's list
    of ignored names rewritten there is not what the checks read."""
    if not (name[:1].isupper() and name.replace("_", "").isalnum() and name.upper() == name):
        return value
    return _read_only(value)


def _read_only(value: Any) -> Any:
    if type(value) is dict:
        return MappingProxyType({key: _read_only(item) for key, item in value.items()})
    if type(value) in (list, tuple):
        return tuple(_read_only(item) for item in value)
    if type(value) is set:
        return frozenset(value)
    return value


def _checker_modules() -> list[tuple[str, ModuleType]]:
    """The checker's modules loaded now that this module deals with: checker.child.*, and CHECKER_EXTRA."""
    return [(name, module) for name, module in list(sys.modules.items())
            if (name.startswith("checker.child.") or name in CHECKER_EXTRA) and isinstance(module, ModuleType)]


def _detached(function: FunctionType, private: dict[str, Any]) -> FunctionType:
    copy = _copies.get(id(function))
    if copy is None:
        copy = _copies[id(function)] = _copy(function, private)
        _kept.append(function)
    return copy


def _detach_class(cls: type, shared: dict[str, Any], private: dict[str, Any]) -> None:
    """Put copies in place of the functions a class defines (methods, static and class methods, properties'
    functions, pytest fixtures' functions)."""

    def own(value: Any) -> bool:
        return isinstance(value, FunctionType) and value.__globals__ is shared

    for key, member in list(vars(cls).items()):
        if own(member):
            setattr(cls, key, _detached(member, private))
        elif isinstance(member, (staticmethod, classmethod)) and own(member.__func__):
            setattr(cls, key, type(member)(_detached(member.__func__, private)))
        elif isinstance(member, property) and any(own(f) for f in (member.fget, member.fset, member.fdel)):
            parts = [_detached(f, private) if own(f) else f for f in (member.fget, member.fset, member.fdel)]
            setattr(cls, key, property(*parts, member.__doc__))
        elif own(getattr(member, "_fixture_function", None)):  # pytest's fixture definition (pytest 8.4+)
            member._fixture_function = _detached(member._fixture_function, private)


def _copy(value: FunctionType, private: dict[str, Any]) -> FunctionType:
    copy = FunctionType(value.__code__, private, value.__name__, value.__defaults__, value.__closure__)
    copy.__kwdefaults__ = value.__kwdefaults__
    copy.__qualname__, copy.__doc__, copy.__module__ = value.__qualname__, value.__doc__, value.__module__
    copy.__dict__.update(value.__dict__)  # pytest's marks, pytest-asyncio's flags, pluggy's hook options
    copy.__annotations__ = value.__annotations__
    return copy


class Frozen(type):
    """The type of a view: a class whose attributes are a module's as they were when it was detached (its name
    and file included), made immutable once the copies are in place (`namespaces`), like the checker's classes:
    no write, no comparison needed. A value that a class would bind or unwrap as it is read (a classmethod,
    anything with a `__get__` but a function) is kept under a staticmethod: the view gives the value itself."""

    def __repr__(cls) -> str:
        return f"<module {cls.__name__!r}, as the checks see it>"


def frozen(module: ModuleType, swaps: dict[int, Any] | None = None) -> Frozen:
    """The checker's view of one of its modules, or a copy of `module`'s attributes (with `swaps`)."""
    view = _views.get(module.__name__) if sys.modules.get(getattr(module, "__name__", None)) is module else None
    if view is not None:
        return view
    swaps = swaps or {}
    view = Frozen(str(module.__name__), (), {"__module__": "checker.child.detach"})
    for name, value in list(vars(module).items()):
        if type(name) is str and name not in ("__dict__", "__weakref__", "__class__", "__qualname__", "__module__"):
            _set(view, name, swaps.get(id(value), value) if type(value) is FunctionType else value)
    return view


def _set(view: Frozen, name: str, value: Any) -> None:
    """Set a view's attribute so that reading it gives `value` (setattr calls no `__set_name__`)."""
    if hasattr(type(value), "__get__") and not isinstance(value, FunctionType):
        value = staticmethod(value)
    type.__setattr__(view, name, value)
