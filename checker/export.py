"""`kata export DEST`: write the student repository of an assignment, for GitHub Classroom.

What is shipped is an allow-list, never "the repository minus something": for each kata its folder of
katas/ (the learner file is the pristine stub, whatever the teacher's own copy holds) and its hidden suite
folder of tests/katas/; the checker package; a pyproject.toml of its own; a student README in two
languages; .gitignore and .gitattributes; the Classroom workflow, which carries the manifest of every
shipped file (see checker/classroom.py). Solutions only on request; never tests/mistakes/, tests/checker/,
tests/faults/, tests/accepted/, the teacher guide, progress (.kata/), virtual environments, caches or .git.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from pathlib import Path
from string import Template

import checker
from checker import classroom
from checker.catalog import Catalog, Kata
from checker.errors import KataError
from checker.i18n import LANGUAGES, pick

TEMPLATES = Path(__file__).with_name("templates") / "student"
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*~", "*.swp", ".DS_Store", ".kata", ".pytest_cache",
                              ".mypy_cache", ".ruff_cache")


class ExportError(KataError):
    """The student repository cannot be written where or as asked."""


def export(catalog: Catalog, dest: Path, katas: list[Kata], lang: str = "en", with_solutions: bool = False) -> Path:
    """Write the student repository of `katas` into `dest` (new or empty) and return `dest`."""
    dest = Path(dest).expanduser().absolute()
    _check_destination(dest)
    if lang not in LANGUAGES:
        raise ExportError(key="export-bad-lang", lang=lang, languages=", ".join(LANGUAGES))
    if not katas:
        raise ExportError(key="export-nothing")
    ids = [k.id for k in katas]
    if len(set(ids)) != len(ids):
        raise ExportError(key="export-twice", kata=next(i for i in ids if ids.count(i) > 1))
    katas = sorted(katas, key=lambda k: k.id)
    for kata in katas:
        _check_complete(kata, with_solutions)

    files: dict[str, bytes] = {}  # relative path -> content, in writing order
    owners: dict[str, str] = {}
    learner_files: list[str] = []
    for kata in katas:
        for path, data in _tree(kata.kata_dir, f"katas/{kata.folder}"):
            files[path] = data
            owners[path] = kata.id
        learner = f"katas/{kata.folder}/{kata.file}"
        files[learner] = kata.stub_file.read_bytes()
        learner_files.append(learner)
        for path, data in _tree(kata.suite.parent, f"tests/katas/{kata.folder}"):
            files[path] = data
            owners[path] = kata.id
        if with_solutions:
            for path, data in _tree(kata.solution_file.parent, f"solutions/{kata.folder}"):
                files[path] = data
                owners[path] = kata.id
    for path, data in _tree(Path(checker.__file__).parent, "checker"):
        files[path] = data
    files["pyproject.toml"] = pyproject(catalog.root).encode()
    other = next(x for x in LANGUAGES if x != lang)
    files["README.md"] = student_readme(katas, lang, f"README.{other}.md").encode()
    files[f"README.{other}.md"] = student_readme(katas, other, "README.md").encode()
    files[".gitignore"] = (TEMPLATES / "gitignore.tmpl").read_bytes()
    files[".gitattributes"] = (TEMPLATES / "gitattributes.tmpl").read_bytes()

    manifest = [classroom.ManifestEntry.of(path, data, owners.get(path))
                for path, data in sorted(files.items()) if path not in learner_files]
    files[classroom.WORKFLOW_PATH] = classroom.workflow(katas, manifest, learner_files, lang).encode()
    _write(dest, files)
    return dest


def _check_destination(dest: Path) -> None:
    if dest.is_file() or (dest.exists() and not dest.is_dir()):
        raise ExportError(f"{dest} is a file: give the path of a new or empty folder for the student repository.")
    if dest.is_dir() and any(dest.iterdir()):
        raise ExportError(f"{dest} is not empty: export into a new or empty folder (nothing is overwritten).")


def _check_complete(kata: Kata, with_solutions: bool) -> None:
    needed = [kata.kata_dir / "kata.toml", kata.kata_dir / "README.md", kata.stub_file, kata.suite]
    if with_solutions:
        needed.append(kata.solution_file)
    missing = [p for p in needed if not p.is_file()]
    if missing:
        where = ", ".join(str(p.relative_to(kata.root)) for p in missing)
        raise ExportError(f"Kata {kata.id} is not complete ({where} missing): finish it, or leave it out with "
                          f"--katas.")


def _tree(folder: Path, prefix: str) -> list[tuple[str, bytes]]:
    """Every file under `folder` (junk left out), as (prefix/relative path, bytes), sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        ignored = JUNK(dirpath, dirnames + filenames)
        dirnames[:] = sorted(d for d in dirnames if d not in ignored)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name in ignored or path.is_symlink() or not path.is_file():
                continue
            found.append((f"{prefix}/{path.relative_to(folder).as_posix()}", path.read_bytes()))
    return found


def _write(dest: Path, files: dict[str, bytes]) -> None:
    """Write into a sibling temporary folder, then move it in place: a failure leaves no half repository."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)
        if dest.is_dir():
            dest.rmdir()  # empty (checked): replaced by the finished repository
        os.replace(staging, dest)
        dest.chmod(0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def pyproject(root: Path) -> str:
    """The student's pyproject.toml: the checker's name, version and dependencies, no teacher extras."""
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        name, version, deps = project["name"], project["version"], list(project["dependencies"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ExportError(f"Cannot read name, version and dependencies from {root / 'pyproject.toml'} ({exc}): "
                          "export from the root of the kata repository.") from None
    text = Template((TEMPLATES / "pyproject.toml.tmpl").read_text(encoding="utf-8"))
    return text.substitute(name=_toml(name), version=_toml(version),
                           requires_python=_toml(project.get("requires-python", ">=3.11")),
                           dependencies="\n".join(f"    {_toml(d)}," for d in deps))


def student_readme(katas: list[Kata], lang: str, other_file: str) -> str:
    head = {"en": ("kata", "title", "file to edit", "points"),
            "fr": ("kata", "titre", "fichier à modifier", "points")}[lang]
    rows = [f"| {' | '.join(head)} |", "|---|---|---|---|"]
    rows += [f"| {k.id} | {pick(k.title, lang)} | `katas/{k.folder}/{k.file}` | {k.points} |" for k in katas]
    total = sum(k.points for k in katas)
    rows.append({"en": f"| | **total** | | **{total}** |", "fr": f"| | **total** | | **{total}** |"}[lang])
    other = {"en": f"*Version française : [{other_file}]({other_file}).*",
             "fr": f"*English version: [{other_file}]({other_file}).*"}[lang]
    text = Template((TEMPLATES / f"README.{lang}.md.tmpl").read_text(encoding="utf-8"))
    return text.substitute(other_language=other, katas_table="\n".join(rows), first=katas[0].id)


def _toml(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
