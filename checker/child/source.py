"""What the learner's source text says, to explain a verdict (never to reach one: verdicts come from
behaviour)."""

from __future__ import annotations

import ast
from pathlib import Path


def _is_main_test(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return (any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
            and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides))


def _bound_names(nodes: list[ast.AST], names: set[str]) -> None:
    """Names these nodes bind, not counting those bound inside the functions and classes they define."""
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        _bound_names(list(ast.iter_child_nodes(node)), names)


def main_block_names(path: str | Path) -> set[str]:
    """Names defined only under `if __name__ == "__main__":` — what a process started with `spawn` will not
    have, since it imports the module under another name."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError, OSError):
        return set()
    inside: set[str] = set()
    outside: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and _is_main_test(node.test):
            _bound_names(node.body, inside)
        else:
            _bound_names([node], outside)
    return inside - outside
