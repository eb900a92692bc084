"""`kata export DEST`: write the student repository of an assignment, for GitHub Classroom.

What is shipped is an allow-list, never "the repository minus something": for each kata its folder of
katas/ (the learner file is the pristine stub, whatever the teacher's own copy holds) and its hidden suite
folder of tests/katas/; the checker package; a pyproject.toml of its own; a student README in two
languages; .gitignore and .gitattributes; the Classroom workflow, which carries the manifest of every
shipped file (see checker/manifest.py); requirements.lock, the grading dependencies pinned with their hashes
(see checker/lock.py). Solutions only on request; never tests/mistakes/, tests/checker/, tests/faults/,
tests/accepted/, the teacher guide, progress (.kata/), virtual environments, caches or .git.

`kata export --update DIR` writes the same files over an existing student repository (a clone): every
shipped file but the learners' own kata files, which stay as the student left them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from string import Template

import checker
from checker import classroom
from checker.catalog import Catalog, Kata
from checker.errors import KataError
from checker.i18n import LANGUAGES, pick, t
from checker.manifest import ManifestEntry, manifest_paths

PYTHON_CHOICES = ("3.11", "3.12", "3.13")  # the Pythons the checker's own tests run on

TEMPLATES = Path(__file__).with_name("templates") / "student"
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*~", "*.swp", ".DS_Store", ".kata", ".pytest_cache",
                              ".mypy_cache", ".ruff_cache")


class ExportError(KataError):
    """The student repository cannot be written where or as asked."""


def export(catalog: Catalog, dest: Path, katas: list[Kata], lang: str = "en", with_solutions: bool = False,
           python: str = classroom.PYTHON_VERSION, lock: str | None = None) -> Path:
    """Write the student repository of `katas` into `dest` (new or empty) and return `dest`. `lock` is the text
    of requirements.lock (default: pinned now, from this environment and the package index)."""
    dest = Path(dest).expanduser().absolute()
    _check_destination(dest)
    files, _ = repository_files(catalog, katas, lang, with_solutions, python, lock)
    _write(dest, files)
    return dest


def update(catalog: Catalog, dest: Path, katas: list[Kata], lang: str = "en", python: str = classroom.PYTHON_VERSION,
           lock: str | None = None) -> list[str]:
    """Refresh the grading files and the workflow of the student repository `dest` (a clone): every shipped
    file is written again, except the learners' kata files, which are left as they are (a learner file the
    clone lacks gets the stub); files the previous export shipped and this one does not are removed. Returns
    the paths written or removed, sorted."""
    dest = Path(dest).expanduser().absolute()
    if not (dest / classroom.WORKFLOW_PATH).is_file():
        raise ExportError(key="update-no-workflow", dest=dest, workflow=classroom.WORKFLOW_PATH)
    old_manifest = manifest_paths((dest / classroom.WORKFLOW_PATH).read_text(encoding="utf-8"))
    files, learner_files = repository_files(catalog, katas, lang, "solutions" in _listing(dest), python, lock)
    changed = []
    for rel in sorted(old_manifest - set(files) - set(learner_files)):
        target = dest / rel  # shipped before, no longer: a file of the old version
        if target.is_file() and not target.is_symlink():
            target.unlink()
            changed.append(rel)
    for rel, data in files.items():
        target = dest / rel
        if rel in learner_files and target.exists():
            continue  # the learner's work
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ExportError(key="update-not-plain", path=target)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(rel)
    return sorted(changed)


def _listing(dest: Path) -> set[str]:
    return {p.name for p in dest.iterdir()}


def repository_files(catalog: Catalog, katas: list[Kata], lang: str, with_solutions: bool, python: str,
                     lock: str | None) -> tuple[dict[str, bytes], list[str]]:
    """Every file of the student repository (relative path -> bytes), and the learners' files among them."""
    if lang not in LANGUAGES:
        raise ExportError(key="export-bad-lang", lang=lang, languages=", ".join(LANGUAGES))
    if not re.fullmatch(r"3\.\d{1,2}", python or ""):
        raise ExportError(key="export-bad-python", python=python, example=classroom.PYTHON_VERSION)
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
    files[classroom.LOCK_PATH] = (lock if lock is not None else pinned(catalog.root, python)).encode()
    other = next(x for x in LANGUAGES if x != lang)
    files["README.md"] = student_readme(katas, lang, f"README.{other}.md").encode()
    files[f"README.{other}.md"] = student_readme(katas, other, "README.md").encode()
    files[".gitignore"] = (TEMPLATES / "gitignore.tmpl").read_bytes()
    files[".gitattributes"] = (TEMPLATES / "gitattributes.tmpl").read_bytes()

    manifest = [ManifestEntry.of(path, data, owners.get(path))
                for path, data in sorted(files.items()) if path not in learner_files]
    files[classroom.WORKFLOW_PATH] = classroom.workflow(katas, manifest, learner_files, lang, python).encode()
    return files, learner_files


def pinned(root: Path, python: str) -> str:
    """requirements.lock: the checker's dependencies as installed here, with their hashes (checker/lock.py)."""
    from checker import lock

    project = _project(root)
    return lock.lock_text(lock.lock(list(project["project"]["dependencies"]),
                                    list(project.get("build-system", {}).get("requires", ["setuptools>=68"])),
                                    python), python)


def _check_destination(dest: Path) -> None:
    if dest.is_file() or (dest.exists() and not dest.is_dir()):
        raise ExportError(key="export-dest-file", dest=dest)
    if dest.is_dir() and any(dest.iterdir()):
        raise ExportError(key="export-dest-full", dest=dest)


def _check_complete(kata: Kata, with_solutions: bool) -> None:
    needed = [kata.kata_dir / "kata.toml", kata.kata_dir / "README.md", kata.stub_file, kata.suite]
    if with_solutions:
        needed.append(kata.solution_file)
    missing = [p for p in needed if not p.is_file()]
    if missing:
        where = ", ".join(str(p.relative_to(kata.root)) for p in missing)
        raise ExportError(key="export-incomplete", kata=kata.id, where=where)


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


def _project(root: Path) -> dict:
    try:
        return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ExportError(key="export-no-project", path=root / "pyproject.toml", error=exc) from None


def pyproject(root: Path) -> str:
    """The student's pyproject.toml: the checker's name, version, dependencies and build requirement, no teacher
    extras."""
    data = _project(root)
    try:
        project = data["project"]
        name, version, deps = project["name"], project["version"], list(project["dependencies"])
        build = list(data.get("build-system", {}).get("requires", ["setuptools>=68"]))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ExportError(key="export-project-fields", path=root / "pyproject.toml", error=exc) from None
    text = Template((TEMPLATES / "pyproject.toml.tmpl").read_text(encoding="utf-8"))
    return text.substitute(name=_toml(name), version=_toml(version),
                           requires_python=_toml(project.get("requires-python", ">=3.11")),
                           dependencies="\n".join(f"    {_toml(d)}," for d in deps),
                           build_requires=_toml_list(build))


def student_readme(katas: list[Kata], lang: str, other_file: str) -> str:
    head = [t(key, lang) for key in ("col-kata", "col-title", "col-file-to-edit", "col-points")]
    rows = [f"| {' | '.join(head)} |", "|---|---|---|---|"]
    rows += [f"| {k.id} | {pick(k.title, lang)} | `katas/{k.folder}/{k.file}` | {k.points} |" for k in katas]
    rows.append(f"| | **{t('col-total', lang)}** | | **{sum(k.points for k in katas)}** |")
    other = t("readme-other-version", lang, file=other_file)
    text = Template((TEMPLATES / f"README.{lang}.md.tmpl").read_text(encoding="utf-8"))
    return text.substitute(other_language=other, katas_table="\n".join(rows), first=katas[0].id)


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml(v) for v in values) + "]"


def _toml(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
