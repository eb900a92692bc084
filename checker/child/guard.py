"""Notice a submission that replaces Python's, pytest's or the checker's own functions (to fake a pass).

What is watched is found by construction, not listed by hand: every `checker.*` module loaded in the
child, the suite's modules, and the modules of Python, pytest and pluggy that suites and the plugin rely on
(`WATCHED`). In each, every module-level function, class and callable, private names included; in each
class defined there, every function, staticmethod, classmethod and property (its getter, setter, deleter).
A snapshot holds each object's identity and, for functions, the identity of their code; `changed()` names
what differs. The plugin compares at each check's verdict and at the end. The learner's own module is not
watched: the suites patch it on purpose. Assigning attributes is not an audit event, hence this snapshot
beside the audit hook (checker/child/audit.py).
"""

from __future__ import annotations

import sys
import types
from types import MappingProxyType
from typing import Any, Iterable

from checker.child import immutable

# Modules of Python and pytest whose functions the suites and the plugin call. For "public" ones only the
# public names are watched (they hold private state that changes as they run); the others are watched whole.
WATCHED = MappingProxyType({
    "public": ("builtins", "asyncio", "asyncio.events", "asyncio.tasks", "asyncio.base_events", "time",
               "threading", "multiprocessing", "concurrent.futures", "os", "gc", "warnings", "signal", "json",
               "hmac", "hashlib", "inspect", "traceback", "linecache", "pytest", "looptime", "sys", "functools",
               "_thread", "queue", "contextvars"),
    "whole": ("_pytest.reports", "_pytest.runner", "_pytest.python", "_pytest.outcomes", "_pytest.fixtures",
              "_pytest.main", "_pytest.skipping", "_pytest.nodes", "_pytest.capture", "_pytest.terminal",
              "pluggy._hooks", "pluggy._callers", "pluggy._manager", "pytest_asyncio.plugin", "_pytest.approx",
              "_pytest.python_api"),
})

# Objects (not callables) that pytest or the checker call methods of between two comparisons: replaced by one
# of the learner's (os.environ by a mapping whose __setitem__ runs its code when pytest sets PYTEST_CURRENT_TEST),
# they would run learner code where no comparison follows. The verdicts' messages too: a catalog replaced would
# put the learner's words in the checker's mouth.
OBJECTS = frozenset({"os.environ", "checker.verdict_texts.MESSAGES"})

# Watched only when the child loaded them (checker/child/plugins.py loads pytest-asyncio for the suites that use it).
LOADED_ONLY = frozenset({"pytest_asyncio.plugin"})

# Rebound on purpose by Python or pytest itself as checks run.
IGNORED = frozenset({"threading.excepthook", "warnings.filters", "warnings.showwarning", "warnings.formatwarning",
           "sys.stdout", "sys.stderr", "sys.stdin", "sys.excepthook", "sys.unraisablehook", "sys.displayhook",
           "sys.breakpointhook", "sys.last_type", "sys.last_value", "sys.last_traceback", "sys.last_exc"})

_CALLABLE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, staticmethod, classmethod,
             property, types.WrapperDescriptorType, types.MethodDescriptorType, types.ClassMethodDescriptorType)


def _code(obj: Any) -> Any:
    return obj.__code__ if isinstance(obj, types.FunctionType) else None


def _members(cls: type) -> list[tuple[str, Any, Any]]:
    """(name, object, code) of what a class defines itself: functions, static and class methods, and the
    functions under them and under properties."""
    found = []
    for name, member in list(vars(cls).items()):
        if isinstance(member, types.FunctionType):
            found.append((name, member, member.__code__))
        elif isinstance(member, (staticmethod, classmethod)):
            found.append((name, member, None))
            found.append((f"{name}.__func__", member.__func__, _code(member.__func__)))
        elif isinstance(member, property):
            found.append((name, member, None))
            for part in ("fget", "fset", "fdel"):
                fn = getattr(member, part)
                if fn is not None:
                    found.append((f"{name}.{part}", fn, _code(fn)))
    return found


_namespaces: dict[int, tuple[type, MappingProxyType]] = {}  # id of a class -> (it, one view of its namespace)


def _namespace(cls: type) -> MappingProxyType:
    """One view of a class's namespace for all the snapshots (a class that two modules export is one group of
    names for the audit hook, which tells namespaces apart by the view's identity)."""
    kept = _namespaces.get(id(cls))
    if kept is None or kept[0] is not cls:
        kept = _namespaces[id(cls)] = (cls, vars(cls))
    return kept[1]


class Snapshot:
    def __init__(self, modules: dict[str, types.ModuleType]):
        # flat, for a fast comparison: (live namespace, key, object, its code or None, label)
        items: list[tuple[Any, str, Any, Any, str]] = []
        public = set(WATCHED["public"])
        for modname, module in modules.items():
            namespace = vars(module)
            for attr, obj in list(namespace.items()):
                if (modname in public and attr.startswith("_")) or f"{modname}.{attr}" in IGNORED:
                    continue
                if not isinstance(obj, _CALLABLE) and not callable(obj) and f"{modname}.{attr}" not in OBJECTS:
                    continue
                items.append((namespace, attr, obj, _code(obj), f"{modname}.{attr}"))
                # a class is walked where it is defined (or in a public module of Python), and not when it is
                # immutable (checker/child/immutable.py: its attributes cannot be rewritten)
                if (isinstance(obj, type) and (obj.__module__ == modname or modname in public)
                        and not obj.__flags__ & immutable.IMMUTABLETYPE):
                    members = _namespace(obj)
                    for name, member, code in _members(obj):
                        head, _, part = name.partition(".")
                        if part:  # the function under a static/class method or a property
                            items.append((_Attr(members[head]), part, member, code,
                                          f"{modname}.{attr}.{name}"))
                        else:
                            items.append((members, name, member, code, f"{modname}.{attr}.{name}"))
        self.items = tuple(items)  # cannot be emptied in place (and the hook holds what it watches: references)

    def references(self) -> list[tuple[Any, Any, Any, Any]]:
        """Every watched name, for the audit hook (see audit.arm): per namespace, (namespace, its keys, their
        objects, their labels). A static method's function and a property's are read-only: not there."""
        groups: dict[int, tuple[Any, list, list, list]] = {}
        group: tuple[Any, list, list, list] = (None, [], [], [])
        for namespace, key, obj, _code, label in self.items:
            if type(namespace) is not _Attr:
                if namespace is not group[0]:  # (the items come namespace by namespace: one id() per run)
                    group = groups.setdefault(id(namespace), (namespace, [], [], []))
                group[1].append(key)
                group[2].append(obj)
                group[3].append(label)
        return [(namespace, tuple(keys), tuple(objects), tuple(labels))
                for namespace, keys, objects, labels in groups.values()]

    def changed(self, codes: bool = True) -> list[str]:
        """The watched names whose object (or, with `codes`, function code) is not the one of the snapshot.
        Reading `__code__` is an audit event: the plugin compares codes at the end only, since the audit
        hook refuses a learner's write to `__code__` when it happens."""
        missing = _MISSING
        if not codes:
            return sorted({label for namespace, key, obj, code, label in self.items
                           if namespace.get(key, missing) is not obj})
        return sorted({label for namespace, key, obj, code, label in self.items
                       if namespace.get(key, missing) is not obj
                       or (code is not None and obj.__code__ is not code)})

    def restore(self) -> None:
        """Put back, in the modules' namespaces, what differs from the snapshot: a tamper found is undone, so
        that pytest and the checker (which Python's builtins serve too) can go on and word it."""
        missing = _MISSING
        for namespace, key, obj, _code, _label in self.items:
            if type(namespace) is dict and namespace.get(key, missing) is not obj:
                namespace[key] = obj


class _Attr:
    """An object's attribute read like a namespace's key (the function under a classmethod, a property)."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any):
        self.obj = obj

    def get(self, key: str, default: Any) -> Any:
        return getattr(self.obj, key, default)


_MISSING = object()


def _spec_name(name: str, module: Any) -> str:
    """A module's own name (the child's entry runs as `__main__`)."""
    return getattr(getattr(module, "__spec__", None), "name", None) or name


def checker_modules() -> dict[str, types.ModuleType]:
    """Every checker module loaded in this process, by name."""
    found = {}
    for name, module in list(sys.modules.items()):
        own = _spec_name(name, module) if module is not None else ""
        if own == "checker" or own.startswith("checker."):
            found[own] = module
    return dict(sorted(found.items()))


PYTEST_PACKAGES = frozenset({"_pytest", "pluggy", "pytest_asyncio"})


def freeze_pytest(modules: dict[str, types.ModuleType]) -> tuple[type, ...]:
    """Make pytest's and pluggy's classes that the watched modules hold immutable (checker/child/immutable.py),
    as the checker's are: pytest sets none of their attributes once the checks are collected, a learner's write
    to one is refused at once (`tampered`), and the guard need not compare their thousand methods at every
    comparison. Python's own classes stay mutable: the checker patches some for a run (asyncio's
    `Handle._run`), and looptime gives each event loop a class of its own (`__class__` cannot change to or from
    an immutable type). Returns the classes frozen here: pytest undoes, as it stops, what its own plugins
    patched on them (legacypath's `Node.fspath`), so they are made mutable again once the record is complete."""
    frozen = {}
    for module in modules.values():
        for value in list(vars(module).values()):
            if (isinstance(value, type) and str(value.__module__).partition(".")[0] in PYTEST_PACKAGES
                    and not value.__flags__ & immutable.IMMUTABLETYPE and immutable.freeze(value)):
                frozen[id(value)] = value
    return tuple(frozen.values())


def guarded_modules(extra: Iterable[types.ModuleType] = ()) -> dict[str, types.ModuleType]:
    """The checker's loaded modules, `extra` (the suite's) and Python's and pytest's `WATCHED` ones."""
    import importlib

    modules = checker_modules()
    for name in (*WATCHED["public"], *WATCHED["whole"]):
        if name in LOADED_ONLY and name not in sys.modules:
            continue  # a plugin this suite does not use: importing it here would cost every check its load
        try:
            modules[name] = sys.modules.get(name) or importlib.import_module(name)
        except ImportError:
            continue
    for module in extra:
        modules[module.__name__] = module
    return modules


class Pipeline:
    """What pytest runs the checks with, beside the modules' functions of the Snapshot: the plugins
    registered and every hook's implementations (and the function each runs), each collected test's function,
    its fixture definitions and the function each runs, and the checker plugin's own attributes (its
    collaborators, its snapshots). All are instance data that learner code reaches through pytest's
    configuration (a class attribute of _pytest.debugging.pytestPDB): a plugin of its own whose report wrapper
    turns failures into passes, a test's function replaced by one that does nothing, a fixture's function
    swapped for a fake clock, or the plugin's snapshot emptied would fake passes.

    `references()`, taken before the learner's module loads, is handed to the audit hook, which holds it out
    of learner code's reach and compares it (checker/child/audit.py `compare`): a reference kept here, on an
    object learner code reaches, could be emptied first (this pipeline's own attributes are part of it).
    `changed()` names, as each call starts and ends, a test's function replaced (pytest-asyncio swaps it for a
    wrapper during the call, so the hook cannot compare it at any time), and the instance attributes that
    hide a method of these objects (a new key, which no reference can name in advance)."""

    def __init__(self, config: Any, items: Iterable[Any], owner: Any, mutable: Iterable[str],
                 running: Iterable[str] = ()):
        """`mutable`: the owner's attributes rebound as the checks run; `running`: its collaborators whose own
        attributes change as they run (the others' attributes are settings, compared like the rest)."""
        self.config, self.owner, self.mutable, self.running = config, owner, frozenset(mutable), frozenset(running)
        self.items = tuple(items)
        # each test's function, compared here rather than by the hook: pytest-asyncio swaps it for a wrapper
        # while an async test runs (a comparison inside a check would see the swap)
        self.functions = tuple((item, getattr(item, "obj", None)) for item in self.items)
        # each watched object with the names of its instance attributes (a tuple: nothing hands its items out)
        self.known = tuple((obj, _own_names(obj)) for obj in self._objects())

    def references(self) -> list[tuple[Any, Any, Any, str]]:
        """(container, key, object, label) for the audit hook (see audit.arm)."""
        found = [(vars(self.owner), name, value, f"plugin.{name}")
                 for name, value in vars(self.owner).items() if name not in self.mutable]
        for name, value in self._collaborators():  # their settings (the snapshots' items...)
            own = getattr(value, "__dict__", None)
            if name not in self.running and type(own) is dict:
                found += namespace_references(own, f"plugin.{name}")
        for item in self.items:
            found += _attribute(item, "callspec", f"{item.nodeid}.callspec")
            params = getattr(getattr(item, "callspec", None), "params", None)
            if type(params) is dict:  # the check's parameters (a duration rewritten to 0 would ask for no wait)
                found += _attribute(item.callspec, "params", f"{item.nodeid}.callspec.params")
                found += namespace_references(params, f"{item.nodeid} parameters")
            info = getattr(item, "_fixtureinfo", None)
            found += _attribute(info, "name2fixturedefs", f"{item.nodeid} fixtures")
            definitions = getattr(info, "name2fixturedefs", None)
            for name, defined in sorted(definitions.items()) if type(definitions) is dict else ():
                found.append((definitions, name, defined, f"{item.nodeid} fixture {name}"))
                for definition in defined:
                    found += _attribute(definition, "func", f"{item.nodeid} fixture {name}'s function")
        relay = self.config.pluginmanager.hook
        for name, caller in list(vars(relay).items()):
            label = f"pytest hook {name}"
            found.append((vars(relay), name, caller, label))
            found += _attribute(caller, "_hookimpls", label)
            implementations = getattr(caller, "_hookimpls", None)
            if type(implementations) is list:  # a plugin registered adds one; its order decides who runs first
                found.append((implementations, None, None, label + " (a plugin registered or removed)"))
                for implementation in implementations:
                    found += _attribute(implementation, "function", label + " (an implementation's function)")
                    found += _attribute(implementation, "plugin", label + " (an implementation's plugin)")
        return found

    def _collaborators(self) -> list[tuple[str, Any]]:
        """(name, object) of the owner's attributes that are checker objects, but those it rebinds as it runs."""
        return [(name, value) for name, value in vars(self.owner).items()
                if name not in self.mutable and type(value).__module__.startswith("checker.")]

    def _objects(self) -> list[Any]:
        watched = [self.owner, self.config, self.config.pluginmanager, *self.items]
        watched += [value for _, value in self._collaborators()]
        session = getattr(self.items[0], "session", None) if self.items else None
        return watched + ([session] if session is not None else [])

    def changed(self) -> list[str]:
        found = [f"{item.nodeid}.obj" for item, function in self.functions if getattr(item, "obj", None) is not function]
        for obj in self._objects():
            own = getattr(obj, "__dict__", None)
            if not isinstance(own, dict):
                continue
            known = next((names for watched, names in self.known if watched is obj), frozenset())
            hiding = sorted(name for name in own.keys() - known if _hides(obj, name))
            if hiding:
                found.append("an attribute hiding a method: " + ", ".join(hiding))
        return found


def _own_names(obj: Any) -> frozenset[str]:
    own = getattr(obj, "__dict__", None)
    return frozenset(own) if isinstance(own, dict) else frozenset()


def _hides(obj: Any, name: object) -> bool:
    """An instance attribute `name` of `obj` hides a method (a function, static or class method, property) of
    its class: pytest and the checker would call the learner's object in its place."""
    return any(isinstance(vars(kind).get(name), (types.FunctionType, staticmethod, classmethod, property))
               for kind in type(obj).__mro__)


def _attribute(obj: Any, name: str, label: str) -> list[tuple[Any, Any, Any, str]]:
    """A reference to `obj.name`: in the object's `__dict__`, or its slot (read through the class's member
    descriptor, which learner code cannot change); none when it has no such attribute."""
    own = getattr(obj, "__dict__", None)
    if type(own) is dict and name in own:
        return [(own, name, own[name], label)]
    for kind in type(obj).__mro__:
        member = vars(kind).get(name)
        if isinstance(member, types.MemberDescriptorType):
            try:
                return [(obj, member, member.__get__(obj, None), label)]
            except AttributeError:
                return []
    return []


def namespace_references(namespace: dict[str, Any], label: str) -> list[tuple[Any, Any, Any, str]]:
    """Every name of a private namespace (checker/child/detach.py), for the audit hook: one entry, labelled by
    the namespace (the hook names a changed key `label['key']`)."""
    keys = tuple(key for key in namespace if type(key) is str)
    return [(namespace, keys, tuple(namespace[key] for key in keys), label)] if keys else []
