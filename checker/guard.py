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


def _entries(name: str, obj: Any) -> Iterable[tuple[str, Any]]:
    yield name, obj
    if isinstance(obj, types.FunctionType):
        yield name + ".__code__", obj.__code__
    elif isinstance(obj, type):
        for attr, value in list(vars(obj).items()):
            if isinstance(value, types.FunctionType):
                yield f"{name}.{attr}", value
                yield f"{name}.{attr}.__code__", value.__code__


class Snapshot:
    def __init__(self, modules: dict[str, types.ModuleType]):
        self.items: dict[str, Any] = {}
        for modname, module in modules.items():
            names = PRIVATE_NAMES.get(modname)
            for attr in names or [n for n in vars(module) if not n.startswith("_")]:
                if hasattr(module, attr) and f"{modname}.{attr}" not in IGNORED:
                    for key, value in _entries(f"{modname}.{attr}", getattr(module, attr)):
                        self.items[key] = value

    def changed(self, modules: dict[str, types.ModuleType]) -> list[str]:
        now = Snapshot(modules).items
        return sorted({key.split(".__code__")[0] for key, value in self.items.items()
                       if now.get(key, _MISSING) is not value})


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
