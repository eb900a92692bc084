"""Verdicts of a hidden suite: failures with a code and a message in both languages, exact comparisons
that a hostile __eq__ cannot fool, a repr that never runs the learner's code, and the first checks of a
function's kind (`def` or `async def`). Suites import all of it from checker.child.testkit.
"""

from __future__ import annotations

import functools
import inspect
import reprlib
from types import FunctionType, MethodType
from typing import Any, Callable, NoReturn

from checker.child import audit
from checker.codes import CODES
from checker.i18n import french_numbers, t


class KataFailure(Exception):
    """A failed check: a stable code and the message in each language."""

    def __init__(self, code: str, en: str, fr: str, **details: Any):
        if code not in CODES:
            raise ValueError(f"unknown diagnostic code {code!r}")
        super().__init__(en)
        self.code = code
        self.texts = {"en": en, "fr": french_numbers(fr)}  # one decimal separator per language
        self.details = details


def tampered(names: str) -> KataFailure:
    """Latch a tamper the checker found (from now on only a `tampered` record is signed) and word it."""
    audit.latch(names)
    return KataFailure("tampered", t("tampered-runtime", "en", names=names), t("tampered-runtime", "fr", names=names))


def fail(code: str, *, en: str, fr: str, **details: Any) -> NoReturn:
    raise KataFailure(code, en, fr, **details)


def expect(condition: object, code: str, *, en: str, fr: str, **details: Any) -> None:
    if condition is not True and condition is not False:
        condition = bool(condition)
    if not condition:
        raise KataFailure(code, en, fr, **details)


_EXACT = (str, int, float, bool, bytes, type(None))


def _same(actual: object, expected: object, _type: Any = type, _isinstance: Any = isinstance, _len: Any = len,
          _all: Any = all, _zip: Any = zip, _exact: tuple = _EXACT, _sequences: tuple = (list, tuple),
          _dict: type = dict, _self: Any = None) -> bool:
    if _type(actual) is not _type(expected):
        return False
    if _isinstance(expected, _exact):
        return actual == expected
    if _isinstance(expected, _sequences):
        return _len(actual) == _len(expected) and _all(_self(a, e) for a, e in _zip(actual, expected))
    if _isinstance(expected, _dict):
        return (_len(actual) == _len(expected)
                and _all(_type(k) in _exact and k in expected and _self(v, expected[k]) for k, v in actual.items()))
    raise TypeError(f"same() compares plain data, not {_type(expected).__name__}")


_same.__defaults__ = (*_same.__defaults__[:-1], _same)  # it calls itself through its own default


def same(actual: object, expected: object, _same: Any = _same) -> bool:
    """Equal AND of exactly the same types, all the way down: an object whose __eq__ always says True,
    or a str subclass, is not "the same" as a str. Everything it calls is bound as a default, once, before the
    learner's code loads (a function's defaults cannot be rewritten: the audit hook refuses it): a builtin
    (`type`, `all`) or a name of this module rebound by the learner's code, even put back at its first use,
    is never what it calls (the swap stays where it was made, where the guard finds it as the call ends)."""
    return _same(actual, expected)


_repr = reprlib.Repr()
_repr.maxstring = 80
_repr.maxother = 80


def show(value: object, limit: int = 12, _depth: int = 0) -> str:
    """A short repr that never runs the learner's own __repr__ and never prints megabytes: plain values as
    Python writes them, lists and tuples of them (at most `limit` items, then "..."), dicts (4 items), an
    exception as its type and arguments (`ValueError('no')`, `TimeoutError`), anything else as `<TypeName object>`."""
    if isinstance(value, _EXACT) and type(value) in _EXACT:
        return _repr.repr(value)
    if type(value) in (list, tuple) and _depth < 2:
        items = [show(v, limit, _depth + 1) for v in value[:limit]]
        more = ", ..." if len(value) > limit else ""
        body = ", ".join(items) + more + ("," if type(value) is tuple and len(value) == 1 else "")
        return ("[%s]" if type(value) is list else "(%s)") % body
    if type(value) is dict and _depth < 2:
        most = min(limit, _repr.maxdict)
        items = [f"{show(k, limit, 2)}: {show(v, limit, _depth + 1)}" for k, v in list(value.items())[:most]]
        return "{" + ", ".join(items) + (", ..." if len(value) > most else "") + "}"
    if isinstance(value, BaseException) and _depth < 2:  # its own args, never an overridden `args` or __str__
        args = BaseException.args.__get__(value)
        inner = ", ".join(show(arg, limit, 2) for arg in args[:3]) if type(args) is tuple else "..."
        return f"{type(value).__name__}({inner})" if inner else type(value).__name__
    return f"<{type(value).__qualname__} object>"


def shown(value: object, limit: int = 6) -> str:
    """show() for a value inside a longer message: a list or tuple shows at most `limit` items (6)."""
    return show(value, limit)


_CO_COROUTINE = inspect.CO_COROUTINE


def async_def(func: Any) -> bool:
    """`func` was written `async def` (through a bound method or a functools.partial): the flag of its code,
    read here, never a helper of a module the learner's code can rebind (inspect's private functions), nor a
    marker (`inspect.markcoroutinefunction` makes a plain function pass iscoroutinefunction on 3.12+)."""
    while type(func) is functools.partial:
        func = func.func
    if type(func) is MethodType:
        func = func.__func__
    return type(func) is FunctionType and bool(func.__code__.co_flags & _CO_COROUTINE)


def require_coroutine_function(module: Any, name: str) -> Callable:
    """The function `name` of the learner's module, failing with not-a-coroutine when it is not `async def`."""
    func = getattr(module, name, None)
    if func is None:
        fail("wrong-result",
             en=f"Your file defines no `{name}`. Expected: `async def {name}(...)` as the kata asks; "
                "the checks call it by this name.",
             fr=f"Votre fichier ne définit pas `{name}`. Attendu : `async def {name}(...)` comme le demande "
                "le kata ; les vérifications l'appellent par ce nom.")
    if not async_def(func):
        fail("not-a-coroutine",
             en=f"`{name}` is a plain function (`def`), so calling it runs it to the end at once and it cannot "
                f"wait without blocking. Expected: `async def {name}(...)`, a coroutine function that the event "
                "loop can pause at each `await`.",
             fr=f"`{name}` est une fonction ordinaire (`def`) : l'appeler l'exécute d'un trait et elle ne peut pas "
                f"attendre sans bloquer. Attendu : `async def {name}(...)`, une fonction coroutine que la boucle "
                "d'événements peut suspendre à chaque `await`.")
    return func


def require_function(module: Any, name: str) -> Callable:
    func = getattr(module, name, None)
    if not callable(func):
        fail("wrong-result",
             en=f"Your file defines no function `{name}`. Expected: `{name}` with the signature the kata gives; "
                "the checks call it by this name.",
             fr=f"Votre fichier ne définit pas de fonction `{name}`. Attendu : `{name}` avec la signature de "
                "l'énoncé ; les vérifications l'appellent par ce nom.")
    return func


def require_plain_function(module: Any, name: str, *, en: str = "", fr: str = "") -> Callable:
    """The function `name` of the learner's module, failing with wrong-result when it is `async def` (calling
    it would only create a coroutine); `en`/`fr` add what the kata expects instead."""
    func = require_function(module, name)
    if async_def(func):
        fail("wrong-result",
             en=f"`{name}` is `async def`: calling it only creates a coroutine and runs nothing. " + en,
             fr=f"`{name}` est `async def` : l'appeler ne fait que créer une coroutine, sans rien exécuter. " + fr)
    return func


def coroutine_function_check(name: str) -> Callable:
    """The usual first check of an asyncio kata, whole, for a suite's module level:
    `test_run_all_is_a_coroutine_function = coroutine_function_check("run_all")` is the check titled "run_all
    is a coroutine function (async def)", which fails as require_coroutine_function does. Later checks name it
    in `@pytest.mark.needs(...)` as any other."""

    def check(learner: Any) -> None:
        require_coroutine_function(learner, name)

    check.__name__ = check.__qualname__ = f"test_{name}_is_a_coroutine_function"
    check.__doc__ = (f"{name} is a coroutine function (async def)\n"
                     f"fr: {name} est une fonction coroutine (async def)")
    return check
