"""Load the learner's file as a module: by its path, under its own name, its folder first on sys.path (so that
its own helper files import); processes its top-level code starts are forked wherever the system has fork."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from checker import system
from checker.child.testkit import KataFailure


def load(learner_file: str) -> ModuleType:
    """The learner's module, its top-level code run; what it raises goes up (a failure of its own)."""
    path = Path(learner_file)
    name = path.stem
    if name in sys.stdlib_module_names or name in sys.modules:
        raise KataFailure(
            "crash",
            f"Your file is named {path.name}, like Python's own module `{name}`: importing it would "
            f"replace that module. Rename your file (for example my_{name}.py) and check it again.",
            f"Votre fichier s'appelle {path.name}, comme le module Python `{name}` : l'importer "
            f"remplacerait ce module. Renommez votre fichier (par exemple my_{name}.py) et relancez.")
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    with system.fork_where_it_exists():  # module-level code that starts processes: the same on every system
        spec.loader.exec_module(module)
    if type(sys.modules.get(name)) is not ModuleType or {"__getattr__", "__getattribute__"} & set(vars(module)):
        # a module that answers for the names it lacks runs its code whenever a check looks one up
        raise KataFailure(
            "crash",
            "Your module defines a module-level __getattr__ (or replaces itself in sys.modules), so reading any "
            "name from it runs your code. Expected: plain functions defined with `def` / `async def`; the "
            "checks read them by name.",
            "Votre module définit un __getattr__ au niveau du module (ou se remplace dans sys.modules) : lire "
            "un nom dans le module exécute alors votre code. Attendu : de simples fonctions définies avec "
            "`def` / `async def` ; les vérifications les lisent par leur nom.")
    return module
