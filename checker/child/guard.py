"""Notice a submission that replaces Python's or the checker's own functions (to fake a pass).

A snapshot maps every guarded name to the object it holds (and, for functions, their code); comparing two
snapshots names what changed. The learner's own module is not guarded: the suites patch it on purpose.
"""

from __future__ import annotations

import types
from typing import Any, Iterable

PUBLIC_MODULES = ("builtins", "asyncio", "time", "threading", "multiprocessing", "concurrent.futures",
                  "os", "gc", "warnings", "signal", "json", "hmac", "hashlib", "inspect", "pytest", "looptime")
PRIVATE_NAMES = {"sys": ("_current_frames", "_getframe", "exit"),
                 "asyncio.events": ("Handle",),
                 "_pytest.runner": ("call_and_report", "CallInfo", "runtestprotocol"),
                 "_pytest.python": ("pytest_pyfunc_call",)}

# Rebound on purpose by pytest itself around each test.
IGNORED = {"threading.excepthook", "warnings.filters", "warnings.showwarning", "warnings.formatwarning"}


class Snapshot:
    def __init__(self, modules: dict[str, types.ModuleType]):
        # (module, name, object, its code, [(method, function, its code)] for a class)
        self.items: list[tuple[str, str, Any, Any, list[tuple[str, Any, Any]]]] = []
        for modname, module in modules.items():
            names = PRIVATE_NAMES.get(modname)
            for attr in names or [n for n in vars(module) if not n.startswith("_")]:
                obj = vars(module).get(attr, _MISSING)
                if obj is _MISSING or f"{modname}.{attr}" in IGNORED:
                    continue
                methods = [(name, fn, fn.__code__) for name, fn in list(vars(obj).items())
                           if isinstance(fn, types.FunctionType)] if isinstance(obj, type) else []
                code = obj.__code__ if isinstance(obj, types.FunctionType) else None
                self.items.append((modname, attr, obj, code, methods))

    def changed(self, modules: dict[str, types.ModuleType]) -> list[str]:
        """The guarded names whose object (or function code) is not the one of the snapshot."""
        found = set()
        for modname, attr, obj, code, methods in self.items:
            now = vars(modules[modname]).get(attr, _MISSING) if modname in modules else _MISSING
            if now is not obj or (code is not None and obj.__code__ is not code):
                found.add(f"{modname}.{attr}")
                continue
            if methods:
                members = vars(obj)
                found.update(f"{modname}.{attr}.{name}" for name, fn, fn_code in methods
                             if members.get(name, _MISSING) is not fn or fn.__code__ is not fn_code)
        return sorted(found)


_MISSING = object()


def guarded_modules(extra: Iterable[types.ModuleType] = ()) -> dict[str, types.ModuleType]:
    import importlib
    import sys

    modules = {}
    for name in (*PUBLIC_MODULES, *PRIVATE_NAMES):
        try:
            modules[name] = sys.modules.get(name) or importlib.import_module(name)
        except ImportError:
            continue
    for module in extra:
        modules[module.__name__] = module
    return modules
