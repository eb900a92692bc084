"""Find katas on disk, read their kata.toml, resolve "3" / "03" / slug / folder name to one kata.

A kata is data: everything that varies between katas lives in its kata.toml. Adding a kata means adding
folders, never editing a list here.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from checker.codes import CODES
from checker.errors import CatalogError, KataError, UnknownKata
from checker.i18n import pick

FORMAT_VERSION = 1
FOLDER = re.compile(r"^(\d{2})_([a-z0-9_]+)$")
DEFAULT_CHECK_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Task:
    id: str
    points: int
    title: dict[str, str]


@dataclass(frozen=True)
class Kata:
    """Frozen metadata of one kata and where its files are (progress lives elsewhere)."""

    id: str
    slug: str
    file: str
    points: int
    timeout_s: float
    check_timeout_s: float
    title: dict[str, str]
    hints: tuple[dict[str, str], ...]
    tasks: tuple[Task, ...]
    exclusive: bool  # measures real time: run alone, never beside other checks
    timed_codes: tuple[str, ...]  # of an exclusive kata: the codes given from real time (empty: all of them)
    record_locks: bool  # record the lock order of the learner's threads (warn on a cycle)
    leaks: str  # "warn" or "fail": threads/processes left running after a check
    root: Path = field(repr=False)

    @property
    def folder(self) -> str:
        return f"{self.id}_{self.slug}"

    @property
    def kata_dir(self) -> Path:
        return self.root / "katas" / self.folder

    @property
    def learner_file(self) -> Path:
        return self.kata_dir / self.file

    @property
    def stub_file(self) -> Path:
        """The pristine stub that `kata reset` restores (the learner's file starts as a copy of it)."""
        return self.root / "tests" / "katas" / self.folder / "stub.py"

    @property
    def solution_file(self) -> Path:
        return self.root / "solutions" / self.folder / self.file

    @property
    def suite(self) -> Path:
        return self.root / "tests" / "katas" / self.folder / f"test_{self.slug}.py"

    @property
    def mistakes_dir(self) -> Path:
        return self.root / "tests" / "mistakes" / self.folder

    def readme(self, lang: str) -> Path:
        localized = self.kata_dir / f"README.{lang}.md"
        return localized if lang != "en" and localized.is_file() else self.kata_dir / "README.md"

    def title_in(self, lang: str) -> str:
        return pick(self.title, lang)


def find_root(start: Path | None = None) -> Path:
    """KATA_ROOT, else the nearest folder above `start` (the cwd) holding katas/, else the installed checkout."""
    explicit = os.environ.get("KATA_ROOT")
    if explicit:
        root = Path(explicit).expanduser().resolve()
        if not (root / "katas").is_dir():
            raise KataError(key="bad-kata-root", root=explicit)
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "katas").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    installed = Path(__file__).resolve().parent.parent
    if (installed / "katas").is_dir():
        return installed
    raise KataError(key="no-repository")


class Catalog:
    """All katas of one repository, in number order."""

    def __init__(self, root: Path):
        root = self.root = Path(root).resolve()
        folders = sorted(f for f in (root / "katas").iterdir() if FOLDER.match(f.name) and f.is_dir())
        # A folder without kata.toml is not a kata yet (being written); `kata verify` names it.
        self.incomplete = [f for f in folders if not (f / "kata.toml").is_file()]
        self.katas: list[Kata] = sorted((_load(f, root) for f in folders if f not in self.incomplete),
                                        key=lambda k: k.id)
        ids = [k.id for k in self.katas]
        if len(set(ids)) != len(ids):
            raise CatalogError(key="katas-share-number", folder=root / "katas", ids=ids)

    def __iter__(self):
        return iter(self.katas)

    def __len__(self) -> int:
        return len(self.katas)

    def get(self, ref: str) -> Kata:
        """Resolve `3`, `03`, `03_fix_the_race`, `fix_the_race`, `fix-the-race`, `katas/03_fix_the_race/` or the
        kata's file path."""
        key = str(ref).strip().lower().rstrip("/")
        if "/" in key:  # a folder (tab completion gives katas/01_first_coroutine/) or the kata's file itself
            path = Path(key)
            key = path.parent.name if path.suffix == ".py" else path.name
        key = key.removesuffix(".py").replace("-", "_")
        for kata in self.katas:
            if key in (kata.id, kata.slug, kata.folder) or (key.isdigit() and int(key) == int(kata.id)):
                return kata
        known = ", ".join(k.id for k in self.katas) or "none"
        raise UnknownKata(key="unknown-kata", ref=ref, known=known)

    def select(self, refs: str | None) -> list[Kata]:
        """A comma-separated list of references ('01,3,fix_the_race'), or every kata when empty."""
        if not refs:
            return list(self.katas)
        return [self.get(ref) for ref in refs.split(",") if ref.strip()]


def _load(folder: Path, root: Path) -> Kata:
    toml_path = folder / "kata.toml"
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(key="toml-missing", path=toml_path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(key="toml-invalid", path=toml_path, error=exc) from None
    number, slug = FOLDER.match(folder.name).groups()
    version = data.get("format_version", FORMAT_VERSION)
    if version > FORMAT_VERSION:
        raise CatalogError(key="toml-newer", path=toml_path, version=version, reads=FORMAT_VERSION)
    try:
        kata = Kata(
            id=str(data["id"]),
            slug=data["slug"],
            file=data["file"],
            points=int(data["points"]),
            timeout_s=float(data["timeout_s"]),
            check_timeout_s=float(data.get("check_timeout_s", DEFAULT_CHECK_TIMEOUT_S)),
            title=dict(data["title"]),
            hints=tuple(dict(h) for h in data.get("hints", [])),
            tasks=tuple(Task(str(t["id"]), int(t["points"]), dict(t.get("title", {}))) for t in data.get("tasks", [])),
            exclusive=bool(data.get("exclusive", False)),
            timed_codes=tuple(str(code) for code in data.get("timed_codes", [])),
            record_locks=bool(data.get("record_locks", False)),
            leaks=str(data.get("leaks", "warn")),
            root=root,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(key="toml-bad-field", path=toml_path, field=exc) from None
    if (kata.id, kata.slug) != (number, slug):
        raise CatalogError(key="toml-other-folder", path=toml_path, id=kata.id, slug=kata.slug, folder=folder.name)
    if kata.leaks not in ("warn", "fail"):
        raise CatalogError(key="toml-bad-leaks", path=toml_path, leaks=kata.leaks)
    unknown = [code for code in kata.timed_codes if code not in CODES]
    if unknown:
        raise CatalogError(key="toml-unknown-codes", path=toml_path, codes=unknown)
    if kata.tasks and sum(t.points for t in kata.tasks) != kata.points:
        raise CatalogError(key="toml-task-points", path=toml_path, points=kata.points)
    return kata
