"""Where the learner keeps its locks, so that a suite can hand each one to the scheduler (`race.guard`) where the
learner's code looks it up.

A right answer may keep its lock where no attribute names it: in a dict it holds, or in the closure of a
decorator (`@synchronized`, whose wrapper closes over one lock for the whole class). A lock the scheduler does
not model makes it step aside as soon as a thread waits for it, and the checks whose jobs call the learner's
function refuse such a run (checker/child/races.py `tell_aside`): so they look in those places too. `places()`
finds the locks in an object's attributes (its `__dict__`, or a module's or a class's namespace), one level into
the dicts found there and the classes and objects of the learner's module (`_Sync.lock`, `_state.lock`), and in
the closure cells of the functions found there (methods, static and class methods, properties' functions, and
what they wrap, `__wrapped__`); `put()` puts a guarded lock in the same place through monkeypatch, which puts
the learner's back after the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import FunctionType, ModuleType
from typing import Any, Callable


@dataclass(frozen=True)
class Place:
    """One lock and where it is: an attribute of a class or a module ("attr": `holder.key`), a namespace's or a
    dict's item ("item": `holder[key]`), a closure's cell ("cell"). `en`/`fr` name the place for a message."""
    lock: Any
    holder: Any
    key: Any
    kind: str
    en: str
    fr: str


def places(owner: Any, en: str, fr: str, is_lock: Callable[[Any], bool]) -> list[Place]:
    """The locks found from `owner` (an instance, a class or a module), named after `en`/`fr` (format strings
    with `{name}`: "the counter's attribute `{name}`"). A lock found in two places is in both (a guarded lock goes
    in each); the checker's own functions (a watched class's properties) are not looked into."""
    found: list[Place] = []
    add = found.append

    def look(value: Any, holder: Any, key: Any, kind: str, name: str, depth: int, cell: str = "") -> None:
        if is_lock(value):
            said_en = en.format(name=name) + (f", `{cell}` in its closure" if cell else "")
            said_fr = fr.format(name=name) + (f", `{cell}` dans sa fermeture" if cell else "")
            add(Place(value, holder, key, kind, said_en, said_fr))
        elif depth and type(value) is dict:
            for inner, item in list(value.items()):
                look(item, value, inner, "item", f"{name}[{inner!r}]", depth - 1, cell)
        elif depth and isinstance(value, type) and value.__module__ == home:  # a class of the learner's module
            for inner, item in list(vars(value).items()):
                if not _functions(item):
                    look(item, value, inner, "attr", f"{name}.{inner}", depth - 1, cell)
        elif depth and type(value).__module__ == home and \
                type(getattr(value, "__dict__", None)) is dict:  # an object of a class of the learner's module
            for inner, item in list(value.__dict__.items()):
                look(item, value.__dict__, inner, "item", f"{name}.{inner}", depth - 1, cell)
        elif depth:
            for function in _functions(value):
                code = function.__code__
                for variable, box in zip(code.co_freevars, function.__closure__ or ()):
                    try:
                        contents = box.cell_contents
                    except ValueError:  # empty
                        continue
                    look(contents, box, "cell_contents", "cell", name, depth - 1, variable)

    if isinstance(owner, type):
        namespace, holder, kind, home = vars(owner), owner, "attr", owner.__module__
    elif isinstance(owner, ModuleType):
        namespace, holder, kind, home = vars(owner), owner, "attr", owner.__name__
    else:
        namespace = getattr(owner, "__dict__", None)
        holder, kind, home = namespace, "item", type(owner).__module__
    if type(namespace) is dict or (kind == "attr" and namespace is not None):
        for key, value in list(namespace.items()):
            if type(key) is str:
                look(value, holder, key, kind, key, 2)
    return found


def guard_all(found: list[Place], guard: Callable[[Any, str, str], Any], monkeypatch: Any, en: str = "{place}",
              fr: str = "{place}") -> None:
    """Each lock of `found` guarded once (`guard(lock, label_en, label_fr)`: race.guard; `en`/`fr` make the
    labels, with `{place}`), put in every place it was found in."""
    guarded: list[tuple[Any, Any]] = []  # (lock, its guarded self)
    for place in found:
        mine = next((done for lock, done in guarded if lock is place.lock), None)
        if mine is None:
            mine = guard(place.lock, en.format(place=place.en), fr.format(place=place.fr))
            guarded.append((place.lock, mine))
        if mine is not place.lock:
            put(place, mine, monkeypatch)


def put(place: Place, guarded: Any, monkeypatch: Any) -> None:
    """`guarded` where `place.lock` was, put back after the check (monkeypatch); a slot of an instance (kind
    "slot", made by a suite) is set, not put back."""
    if place.kind == "slot":
        setattr(place.holder, place.key, guarded)
    elif place.kind == "cell":
        monkeypatch.setattr(place.holder, "cell_contents", guarded)
    elif place.kind == "attr":
        monkeypatch.setattr(place.holder, place.key, guarded)
    else:
        monkeypatch.setitem(place.holder, place.key, guarded)


def _functions(value: Any) -> list[FunctionType]:
    """The functions a namespace's value runs as: itself, a static or class method's, a property's, and what
    each wraps (`__wrapped__`, as functools.wraps leaves it)."""
    candidates = [value]
    if isinstance(value, (staticmethod, classmethod)):
        candidates = [value.__func__]
    elif isinstance(value, property):
        candidates = [value.fget, value.fset, value.fdel]
    found: list[FunctionType] = []
    for candidate in candidates:
        for _ in range(4):
            if type(candidate) is not FunctionType or any(candidate is other for other in found) or \
                    str(candidate.__module__).startswith("checker."):
                break
            found.append(candidate)
            candidate = candidate.__dict__.get("__wrapped__")
    return found
