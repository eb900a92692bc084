"""The manifest of an exported repository: the git blob id and SHA-256 of every file the teacher shipped
except the learners' own files, and the fingerprint of the workflow that carries it.

Integrity. The workflow is the only file a student cannot change unnoticed (the teacher protects it with
Classroom's "protected paths"), so it carries the manifest. Before installing anything, the grading job wipes the
checkout, puts back each shipped file by its blob id from the repository's history (the first commit holds
them all) and only then copies the learners' files in (checker/jobscripts.py). An edited test, checker module or
pyproject.toml, and any file the student added, are gone before grading; a shipped file that history no longer
holds (history rewritten) fails the katas it belongs to with the code `tampered`, naming the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

FINGERPRINT_PLACEHOLDER = "0" * 64  # where the workflow's own fingerprint goes (see classroom.workflow())
ALL = "all"  # manifest owner of files every kata depends on (checker/, pyproject.toml, ...)
NONE = "-"  # manifest owner of files grading does not read (READMEs, .gitignore): restored when possible


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative, with "/"
    blob: str  # git blob id (sha1 of "blob <size>\0" + data): how the job finds it in history
    sha256: str  # checked after restoring, so that the blob id alone is not trusted
    owner: str  # a kata id, or ALL

    @classmethod
    def of(cls, path: str, data: bytes, kata: str | None = None) -> "ManifestEntry":
        """The entry of a shipped file; `kata` is the kata whose folder holds it, if any."""
        return cls(path, git_blob_id(data), hashlib.sha256(data).hexdigest(), owner_of(path, kata))


def owner_of(path: str, kata: str | None) -> str:
    """Which katas cannot be graded without this file: a teacher may still fix a README in the template
    repository after the export without failing every kata."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".md") or name in (".gitignore", ".gitattributes"):
        return NONE
    return kata or ALL


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def manifest_paths(text: str) -> set[str]:
    """The paths of the manifest a workflow written by `classroom.workflow()` carries (empty if it has none)."""
    if "<<'MANIFEST'\n" not in text:
        return set()
    block = text.split("<<'MANIFEST'\n", 1)[1].split("MANIFEST\n", 1)[0]
    rows = [line.split(maxsplit=3) for line in block.splitlines()]
    return {row[3] for row in rows if len(row) == 4 and not row[3].startswith(("/", "../")) and ".." not in row[3].split("/")}


def fingerprint_ok(text: str) -> bool:
    """Whether a workflow's text is the one `classroom.workflow()` wrote (its fingerprint matches)."""
    found = re.search(r"^ *expected=([0-9a-f]{64})$", text, re.M)
    if not found:
        return False
    blank = text.replace(found.group(1), FINGERPRINT_PLACEHOLDER)
    return blank.count(FINGERPRINT_PLACEHOLDER) == 1 and hashlib.sha256(blank.encode()).hexdigest() == found.group(1)
