"""`kata new NN slug`: the folders of a new kata, written from templates (checker/templates/kata/KIND/).

The kata it writes is a tiny real exercise, complete and sound as written — `async def double(x, delay)`
with the asyncio template (the default), `def square_all(numbers)` with threads with the thread one:
`kata verify --katas NN` is green on it at once (the solution passes, the stub fails with not-implemented,
each example mistake gets its code). The teacher then replaces its content, file by file, keeping the
names, and runs `kata verify` again.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from string import Template

from checker.catalog import FOLDER
from checker.errors import KataError

TEMPLATES = Path(__file__).with_name("templates") / "kata"
KINDS = ("asyncio", "thread")  # the folders of TEMPLATES
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
NUMBER = re.compile(r"^\d{1,2}$")
# Where each kata has a folder; a number or a slug used in any of them is taken.
PARENTS = ("katas", "solutions", "tests/katas", "tests/mistakes")


class ScaffoldError(KataError):
    """The new kata cannot be created as asked."""


def new_kata(root: Path, number: str, slug: str, template: str = "asyncio") -> list[Path]:
    """Write katas/NN_slug/, solutions/NN_slug/, tests/katas/NN_slug/ and tests/mistakes/NN_slug/ under
    `root` from the `template` kind ("asyncio" or "thread"); return the files written. Nothing is written
    when the number or the slug is taken."""
    root = Path(root)
    if template not in KINDS:
        raise ScaffoldError(f"No kata template '{template}': choose one of {', '.join(KINDS)}.")
    if not (root / "katas").is_dir():
        raise ScaffoldError(f"{root} has no katas/ folder: run `kata new` at the root of the kata repository.")
    kata_id = _number(number)
    _check_slug(slug)
    folder = f"{kata_id}_{slug}"
    for parent in PARENTS:
        for existing in sorted((root / parent).glob("*")) if (root / parent).is_dir() else []:
            match = FOLDER.match(existing.name)
            if not match:
                continue
            if match.group(1) == kata_id:
                raise ScaffoldError(f"Kata number {kata_id} is taken ({parent}/{existing.name}): choose another "
                                    "number.")
            if match.group(2) == slug:
                raise ScaffoldError(f"The slug '{slug}' is taken ({parent}/{existing.name}): choose another name.")

    values = {"id": kata_id, "slug": slug, "file": f"{slug}.py", "title": slug.replace("_", " ").capitalize()}
    folder_of = TEMPLATES / template
    stub = _render(folder_of / "stub.py.tmpl", values)
    plan = {
        f"katas/{folder}/kata.toml": _render(folder_of / "kata.toml.tmpl", values),
        f"katas/{folder}/README.md": _render(folder_of / "README.md.tmpl", values),
        f"katas/{folder}/README.fr.md": _render(folder_of / "README.fr.md.tmpl", values),
        f"katas/{folder}/{slug}.py": stub,
        f"tests/katas/{folder}/stub.py": stub,
        f"tests/katas/{folder}/test_{slug}.py": _render(folder_of / "test.py.tmpl", values),
        f"solutions/{folder}/{slug}.py": _render(folder_of / "solution.py.tmpl", values),
    }
    for mistake in sorted((folder_of / "mistakes").glob("*.py.tmpl")):
        plan[f"tests/mistakes/{folder}/{mistake.name.removesuffix('.tmpl')}"] = _render(mistake, values)
    written = []
    for rel, text in plan.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _number(number: str) -> str:
    text = str(number).strip()
    if not NUMBER.match(text):
        raise ScaffoldError(f"'{number}' is not a kata number: give one or two digits, like 05.")
    return f"{int(text):02d}"


def _check_slug(slug: str) -> None:
    if not SLUG.match(slug or ""):
        raise ScaffoldError(f"'{slug}' cannot name a kata: use lower-case letters, digits and _, starting with a "
                            "letter (like bounded_queue); it names the learner's file too.")
    if slug in sys.stdlib_module_names or slug in ("checker", "conftest", "test") or \
            importlib.util.find_spec(slug) is not None:
        raise ScaffoldError(f"'{slug}' is already the name of a Python module: the learner's file {slug}.py would "
                            "hide it. Choose another name.")


def _render(path: Path, values: dict[str, str]) -> str:
    return Template(path.read_text(encoding="utf-8")).substitute(values)
