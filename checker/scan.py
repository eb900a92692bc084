"""What a submission reaches for that no solution of these katas needs: Python's and pytest's internals.

Every in-process attack on the checker goes through them (its memory, frames, hooks, the plugin manager),
and the few that still pass are said in the README ("What the checker guarantees, and what it does not") and
kept in tests/faults/open/.
This is a reading aid for the teacher, never a verdict: `kata class grade` shows, beside a student's kata,
the lines to read. A syntax error or an unreadable file shows nothing here (the check says why).
"""

from __future__ import annotations

import ast
import re

# Modules whose import alone says the code reaches into the interpreter or the grader.
MODULES = {"gc", "ctypes", "_ctypes", "_imp", "importlib", "marshal", "weakref", "_weakref", "signal", "_signal",
           "_pytest", "pytest", "pluggy", "checker", "_thread", "sysconfig", "faulthandler", "tracemalloc"}
# Attributes of frames, functions, code and tracebacks, and the sys functions that reach them.
ATTRIBUTES = {"_getframe", "_current_frames", "audit", "addaudithook", "settrace", "setprofile", "monitoring",
              "f_locals", "f_back", "f_globals", "f_code", "tb_frame", "tb_next", "gi_frame", "cr_frame",
              "ag_frame", "__code__", "__closure__", "cell_contents", "__globals__", "__subclasses__",
              "__builtins__", "_fix_co_filename", "pytestPDB", "pluginmanager", "__self__", "__func__",
              "getprofile", "gettrace",
              # the internals of an event loop and a thread, that no solution reads (the loop's selector is the
              # wait virtual time judges; a thread's target, the checks' servers and probes)
              "_selector", "_ready", "_scheduled", "_run_once", "_target"}
# A Future's methods called unbound on a Task (`asyncio.Future.set_result(task, value)`: a Task's own refuses).
UNBOUND = {"set_result", "set_exception", "cancel", "remove_done_callback"}
# `_Class__name`: another class's private attribute, by the name Python mangles it to (looptime's clock).
MANGLED = re.compile(r"_[A-Za-z][A-Za-z0-9]*__[A-Za-z_]\w*")
# Code run from text: what an attack hides behind.
CALLS = {"exec", "eval", "compile", "__import__", "getattr", "setattr"}
# What gives the event loop, whose attributes no solution sets (the virtual clock reads it).
LOOP_GETTERS = {"get_running_loop", "get_event_loop", "new_event_loop"}
# Texts that name the grader's own state.
TEXTS = {"PYTEST_CURRENT_TEST"}


def suspicious(source: str) -> list[dict[str, object]]:
    """[{"line": n, "what": name}, ...]: the first line of each construct found, in line order."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    first: dict[str, int] = {}

    def note(what: str, node: ast.AST) -> None:
        line = getattr(node, "lineno", 0)
        if what not in first or line < first[what]:
            first[what] = line

    imported = {(alias.asname or alias.name).split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    loops = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
             and _called(node.value) in LOOP_GETTERS for target in node.targets if isinstance(target, ast.Name)}

    def innermost(node: ast.AST) -> ast.AST:
        """What `a.b[c].d` is read from: `a` (a name, a call...)."""
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        return node

    def root(node: ast.AST) -> str | None:
        base = innermost(node)
        return base.id if isinstance(base, ast.Name) else None

    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:  # `json.encoder.c_make_encoder = …`: another module's name rebound
                if isinstance(target, ast.Attribute) and root(target) in imported:
                    note(f"{root(target)}.….{target.attr} =", node)
                elif isinstance(target, ast.Attribute) and root(target) in loops:  # the clock the checks read
                    note(f"{root(target)}.{target.attr} = (the event loop's)", node)
                base = innermost(target)  # `type(x).__eq__ = …`, `vars(module)["name"] = …`: through a call
                if base is not target and isinstance(base, ast.Call) and isinstance(base.func, ast.Name):
                    note(f"{base.func.id}(…)… =", node)
        if isinstance(node, ast.Attribute) and node.attr == "modules" and root(node) == "sys":
            note("sys.modules", node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value in TEXTS or node.value.split(".")[0] in ("_pytest", "pluggy", "checker")
                or MANGLED.fullmatch(node.value)):
            note(node.value, node)  # the grader's own modules, named as text (`sys.modules["_pytest.reports"]`)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and node.args and root(node.args[0]) in imported:
            note("setattr() on a module", node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in MODULES:
                    note(alias.name, node)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in MODULES:
                note(node.module, node)
        elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
            note(node.attr, node)
        elif isinstance(node, ast.Attribute) and MANGLED.fullmatch(node.attr):
            note(node.attr, node)
        elif isinstance(node, ast.Attribute) and node.attr in UNBOUND and _names(node.value) == "Future":
            note(f"Future.{node.attr} (unbound)", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
            if node.func.id not in ("getattr", "setattr") or not (
                    len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
                note(node.func.id + "()", node)  # getattr/setattr only with a name made at run time
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) > 1 \
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr") \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in ATTRIBUTES:
            note(node.args[1].value, node)  # `getattr(thread, "_target")` is `thread._target`
    return [{"line": line, "what": what} for what, line in sorted(first.items(), key=lambda kv: (kv[1], kv[0]))]


def _names(node: ast.AST) -> str | None:
    """The last name of `a.b.C` or `C`."""
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None


def _called(call: ast.Call) -> str | None:
    """The name a call is made by: `f(...)` or `a.b.f(...)` -> "f"."""
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
