"""The suite's functions run with globals of their own, copied from their module before the learner's code loads.

Why: a module's attributes can be rewritten with no audit event (only a function's code or defaults raise
one), and a rewrite undone before the guard looks (checker/child/guard.py compares at each verdict) leaves
nothing to see. A learner's function, called by a check, could swap the suite's `expect` for a no-op (found
through `sys.modules`) that puts the real one back at its last use: every check passed, every comparison
clean. With globals of their own, the checks still call what the suite imported: the swap changes nothing
they run, and it stays in the module, where the guard finds it (`tampered`).

What is detached: the functions the suite module defines (its tests and its helpers, which call each other
through the copy), and the modules it imported (`pytest`, `asyncio`...), each seen through a copy of its
attributes taken at the same time: `pytest.approx` rebound in pytest's module, to return an object equal to
anything, is not the `pytest.approx` the checks call. Not the fixtures pytest registered from the suite (they
keep the module's globals), nor what the modules the suite imports from use themselves (their own globals):
reaching these takes more of pytest's or the checker's internals, which `kata class grade` flags for the
teacher (checker/scan.py).
"""

from __future__ import annotations

from types import FunctionType, ModuleType, SimpleNamespace
from typing import Any, Iterable


def detach(module: ModuleType, items: Iterable[Any]) -> None:
    """Give the functions `module` defines a copy of its globals, and `items` (pytest's, collected from it)
    those functions."""
    shared = vars(module)
    private = {name: frozen(value) if isinstance(value, ModuleType) else value for name, value in shared.items()}
    copies: dict[int, FunctionType] = {}
    for name, value in shared.items():
        if isinstance(value, FunctionType) and value.__globals__ is shared:
            copy = FunctionType(value.__code__, private, value.__name__, value.__defaults__, value.__closure__)
            copy.__kwdefaults__ = value.__kwdefaults__
            copy.__qualname__, copy.__doc__ = value.__qualname__, value.__doc__
            copy.__dict__.update(value.__dict__)  # pytest's marks, pytest-asyncio's flags
            copy.__annotations__ = value.__annotations__
            private[name] = copies[id(value)] = copy
    for item in items:
        function = getattr(item, "obj", None)
        if id(function) in copies:
            item.obj = copies[id(function)]


class Frozen(SimpleNamespace):
    """A module's attributes as they were when the suite was detached (its name and file included)."""

    def __repr__(self) -> str:
        return f"<module {self.__name__!r}, as the checks see it>"


def frozen(module: ModuleType) -> Frozen:
    return Frozen(**{name: value for name, value in vars(module).items() if isinstance(name, str)})
