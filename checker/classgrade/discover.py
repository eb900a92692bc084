"""Find the students of a class folder and take a snapshot of their kata files, and nothing else.

DIR holds one folder per student: a clone of the student's repository (what `gh classroom clone
student-repos` makes: `<assignment>-submissions/<assignment>-<login>/`) or a plain folder of files (an LMS
export). A kata's file is found by its name anywhere inside the student's folder (the exported place
`katas/NN_slug/<file>` first). A student's folder is hostile input: symlinks are never followed (neither to
a folder nor to a file), `.git` is never walked and no git command runs in it (the commit is read from
.git/HEAD by hand, so no hook, fsmonitor or other configured program can start), a file over the size limit
is not read, and names that are not UTF-8 are shown with escapes. Every file is read once, here, before any
check runs: what a student's code may later do to a folder does not change what is graded.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from checker.catalog import Kata
from checker.errors import KataError
from checker.runner import MAX_SOURCE_BYTES

MAX_ENTRIES = 50_000  # entries walked per student: a folder past it is a mistake or an attack, not homework
SHA1 = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


@dataclass(frozen=True)
class Submission:
    """One kata file of one student, as read once: `data` is None when it could not be taken (`problem`)."""

    path: str  # relative to the student's folder, for the teacher
    data: bytes | None
    sha256: str
    problem: str = ""


@dataclass
class Student:
    name: str  # as shown in the gradebook
    folder: Path
    commit: str | None  # HEAD of a git clone, else None
    files: dict[str, Submission] = field(default_factory=dict)  # kata id -> submission; absent: not submitted


def shown(name: str) -> str:
    """A file or folder name as text: bytes that are not UTF-8 become escapes, never an error."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def students(class_dir: Path, katas: list[Kata]) -> list[Student]:
    """Every student folder of `class_dir`, sorted by name, with a snapshot of its kata files."""
    class_dir = Path(class_dir)
    if not class_dir.is_dir():
        raise KataError(key="class-not-folder", path=class_dir)
    folders = sorted((e for e in os.scandir(class_dir)
                      if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)), key=lambda e: e.name)
    names = student_names([shown(e.name) for e in folders])
    return [snapshot(name, Path(e.path), katas) for name, e in zip(names, folders)]


def student_names(folders: list[str]) -> list[str]:
    """The folder names, without the `<assignment>-` prefix that every clone of gh classroom shares."""
    if len(folders) < 2:
        return folders
    prefix = os.path.commonprefix(folders)
    prefix = prefix[:prefix.rfind("-") + 1]
    if not prefix or any(len(f) == len(prefix) for f in folders):
        return folders
    names = [f[len(prefix):] for f in folders]
    return names if len(set(names)) == len(names) else folders


def snapshot(name: str, folder: Path, katas: list[Kata]) -> Student:
    wanted = {kata.file for kata in katas}
    found = _walk(folder, wanted)
    student = Student(name, folder, head_commit(folder))
    for kata in katas:
        places = found.get(kata.file, [])
        if not places:
            continue
        exported = f"katas/{kata.folder}/{kata.file}"
        best = min(places, key=lambda p: (p != exported, p.count("/"), p))
        student.files[kata.id] = read(folder, best)
    return student


def _walk(folder: Path, wanted: set[str]) -> dict[str, list[str]]:
    """Relative paths (with "/") of the regular files named in `wanted`; no symlink followed, no .git."""
    found: dict[str, list[str]] = {}
    seen = 0
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != ".git" and not os.path.islink(os.path.join(top, d)))
        seen += len(dirs) + len(files)
        if seen > MAX_ENTRIES:
            break
        for name in files:
            if name in wanted:
                rel = os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/")
                found.setdefault(name, []).append(rel)
    return found


def read(folder: Path, rel: str) -> Submission:
    """The file's bytes, opened without following a symlink, only when it is a regular file of sane size."""
    try:
        fd = os.open(folder / rel, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return Submission(shown(rel), None, "", f"cannot be read ({exc.strerror})")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Submission(shown(rel), None, "", "is not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            return Submission(shown(rel), None, "",
                              f"is {info.st_size} bytes; a kata answer fits in far less than {MAX_SOURCE_BYTES}")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_SOURCE_BYTES:
        return Submission(shown(rel), None, "", f"is over {MAX_SOURCE_BYTES} bytes")
    return Submission(shown(rel), data, hashlib.sha256(data).hexdigest())


def head_commit(folder: Path) -> str | None:
    """The commit of HEAD of a git clone, read from .git by hand (no git command runs in a student's folder)."""
    git = folder / ".git"
    if not git.is_dir() or git.is_symlink():
        return None
    head = _small(git / "HEAD")
    if head is None:
        return None
    if SHA1.match(head):
        return head
    if not head.startswith("ref: refs/"):
        return None
    ref = head[5:].strip()
    if ".." in ref.split("/") or "\\" in ref:
        return None
    loose = _small(git / ref)
    if loose is not None and SHA1.match(loose):
        return loose
    packed = _small(git / "packed-refs", limit=10_000_000) or ""
    for line in packed.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == ref and SHA1.match(parts[0]):
            return parts[0]
    return None


def _small(path: Path, limit: int = 4096) -> str | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, limit).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
