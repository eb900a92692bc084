"""The GitHub Classroom workflow of an exported repository (.github/workflows/classroom.yml), as text.

Pure functions: katas and a manifest in, YAML text out. The shape follows what Classroom itself generates
(name `Autograding Tests`, one job `run-autograding-tests`, one `autograding-command-grader` step per kata
or per task, one `autograding-grading-reporter` step); see the teacher guide for why each part is there.

Integrity. The workflow is the only file a student cannot change unnoticed (the teacher protects it with
Classroom's "protected paths"), so it carries the manifest: the git blob id and SHA-256 of every file the
teacher shipped except the learners' own files. Before installing anything, the grading job wipes the
checkout, puts back each shipped file by its blob id from the repository's history (the first commit holds
them all) and only then copies the learners' files in. An edited test, checker module or pyproject.toml,
and any file the student added, are gone before grading; a shipped file that history no longer holds
(history rewritten) fails the katas it belongs to with the code `tampered`, naming the file.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shlex
from dataclasses import dataclass

from checker.catalog import Kata
from checker.errors import CatalogError
from checker.i18n import pick

WORKFLOW_PATH = ".github/workflows/classroom.yml"
GRADING_DIR = ".kata-grading"  # written by the grading job only: one file per kata that cannot be graded
PYTHON_VERSION = "3.12"
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


@dataclass(frozen=True)
class GraderStep:
    id: str  # step id, and the reporter's runner name (KATA-01_RESULTS)
    name: str
    kata: str
    task: str | None
    command: str
    max_score: int
    timeout_min: int


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def step_id(kata: Kata, task: str | None = None) -> str:
    if task is None:
        return f"kata-{kata.id}"
    return f"kata-{kata.id}-task-{_slug(task)}"


def grader_steps(katas: list[Kata], lang: str = "en") -> list[GraderStep]:
    """One step per kata, or one per task when its kata.toml declares tasks (partial credit)."""
    steps: list[GraderStep] = []
    for kata in katas:
        title = pick(kata.title, lang)
        minutes = timeout_minutes(kata)
        guard = f"[ ! -e {GRADING_DIR}/{kata.id} ] || {{ cat {GRADING_DIR}/{kata.id}; exit 1; }}; "
        if not kata.tasks:
            steps.append(GraderStep(step_id(kata), _clean(f"Kata {kata.id} — {title}"), kata.id, None,
                                    guard + f".venv/bin/kata check {kata.id} --lang {lang}",
                                    kata.points, minutes))
            continue
        for task in kata.tasks:
            task_title = pick(task.title, lang) if task.title else task.id
            steps.append(GraderStep(step_id(kata, task.id), _clean(f"Kata {kata.id} — {title}: {task_title}"),
                                    kata.id, task.id,
                                    guard + f".venv/bin/kata check {kata.id} --task {shlex.quote(task.id)} "
                                            f"--lang {lang}",
                                    task.points, minutes))
    ids = [s.id for s in steps]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogError(f"Two grading steps would share the id {duplicates[0]}: give the tasks of that kata "
                           "ids that differ in letters or digits, not only in punctuation or case.")
    return steps


def timeout_minutes(kata: Kata) -> int:
    """The grader's `timeout` (minutes): room for the kata's own limit twice, plus start-up."""
    return max(1, math.ceil((2 * kata.timeout_s + 60) / 60))


def workflow(katas: list[Kata], manifest: list[ManifestEntry], learner_files: list[str], lang: str = "en",
             python: str = PYTHON_VERSION) -> str:
    """The whole classroom.yml. `learner_files` are the only files of the student's push that are graded."""
    steps = grader_steps(katas, lang)
    ids = " ".join(k.id for k in katas)
    out = [
        "# Generated by `kata export`: GitHub Classroom grades this repository with it on every push.",
        "# Do not edit it: export again instead. Teachers: list this file in the assignment's protected",
        "# paths; it holds the fingerprints of the hidden tests and the checker.",
        "name: Autograding Tests",
        "'on':",
        "  - push",
        "  - workflow_dispatch",
        "  - repository_dispatch",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "        with:",
        "          fetch-depth: 0",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        f"          python-version: {_q(python)}",
        f"      - name: {_q(_T['restore-step'][lang])}",
        "        shell: bash",
        "        run: |",
        *_indent(_restore_script(manifest, learner_files, ids, lang), 10),
        f"      - name: {_q(_T['install-step'][lang])}",
        "        shell: bash",
        "        run: |",
        *_indent(_install_script(ids, lang), 10),
    ]
    for step in steps:
        out += [
            f"      - name: {_q(step.name)}",
            f"        id: {step.id}",
            "        uses: classroom-resources/autograding-command-grader@v1",
            "        with:",
            f"          test-name: {_q(step.name)}",
            f"          command: {_q(step.command)}",
            f"          timeout: {step.timeout_min}",
            f"          max-score: {step.max_score}",
        ]
    out += [
        "      - name: Autograding Reporter",
        "        uses: classroom-resources/autograding-grading-reporter@v1",
        "        env:",
        *[f"          {s.id.upper()}_RESULTS: \"${{{{steps.{s.id}.outputs.result}}}}\"" for s in steps],
        "        with:",
        f"          runners: {','.join(s.id for s in steps)}",
    ]
    return "\n".join(out) + "\n"


# --- the two preparation steps (bash; they never fail the job: a failed `run:` step would skip the graders
# and the reporter, and the student would get no grade and no explanation) ----------------------------------

def _restore_script(manifest: list[ManifestEntry], learner_files: list[str], ids: str, lang: str) -> str:
    keep = " ".join(shlex.quote(f) for f in learner_files)
    rows = "\n".join(f"{e.blob} {e.sha256} {e.owner} {e.path}" for e in manifest)
    for e in manifest:
        if any(c.isspace() for c in e.path) or e.owner.strip() != e.owner or not e.owner:
            raise CatalogError(key="export-spaces", path=e.path)
    return f"""\
# Grade the student's kata files on top of the files the teacher shipped, never on edited copies.
set +e
katas="{ids}"
kept=$(mktemp -d)
for f in {keep}; do
  if [ -f "$f" ]; then mkdir -p "$kept/$(dirname "$f")" && cp "$f" "$kept/$f"; fi
done
find . -mindepth 1 -maxdepth 1 ! -name .git ! -name .github -exec rm -rf {{}} +
mkdir -p {GRADING_DIR}
while read -r blob sum owner path; do
  mkdir -p "$(dirname "$path")"
  if git cat-file blob "$blob" > "$path" 2>/dev/null && [ "$(sha256sum < "$path" | cut -c1-64)" = "$sum" ]; then
    continue
  fi
  rm -f "$path"
  if [ "$owner" = {NONE} ]; then continue; fi  # a text for readers only: grading does not need it
  echo "::error title=tampered::$path"
  if [ "$owner" = {ALL} ]; then targets=$katas; else targets=$owner; fi
  for k in $targets; do
    printf {shlex.quote(_T['tampered'][lang] + chr(92) + 'n')} "$k" "$path" >> "{GRADING_DIR}/$k"
  done
done <<'MANIFEST'
{rows}
MANIFEST
cp -R "$kept/." . 2>/dev/null
rm -rf "$kept"
changed=$(git -c core.quotepath=off status --short --untracked-files=no)
if [ -n "$changed" ]; then
  echo {shlex.quote(_T['ignored'][lang])}
  echo "$changed"
fi
exit 0"""


def _install_script(ids: str, lang: str) -> str:
    return f"""\
set +e
katas="{ids}"
broken() {{
  echo "::error title={_T['install-failed-title'][lang]}::$1"
  mkdir -p {GRADING_DIR}
  for k in $katas; do printf '%s\\n' "$1" >> "{GRADING_DIR}/$k"; done
  exit 0
}}
# The venv gets no pip of its own (faster): the pip of setup-python installs into it.
python3 -m venv --without-pip .venv || broken {shlex.quote(_T['venv-failed'][lang])}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q . \\
  || broken {shlex.quote(_T['pip-failed'][lang])}
# Grader commands run with only PATH and HOME: prove the checker starts like that.
env -i PATH="$PATH" HOME="$HOME" .venv/bin/kata --version || broken {shlex.quote(_T['start-failed'][lang])}
exit 0"""


_T = {
    "restore-step": {"en": "Restore the grading files", "fr": "Restaurer les fichiers de correction"},
    "install-step": {"en": "Install the checker", "fr": "Installer le correcteur"},
    "tampered": {
        "en": "Kata %s cannot be graded [tampered]: %s is not the file your teacher shipped, and this repository's "
              "history no longer holds the original. Do not rewrite the history of the repository (no force-push "
              "over its first commit); ask your teacher to restore it.",
        "fr": "Le kata %s ne peut pas être corrigé [tampered] : %s n'est pas le fichier fourni par votre "
              "enseignant, et l'historique du dépôt ne contient plus l'original. Ne réécrivez pas l'historique du "
              "dépôt (pas de force-push par-dessus son premier commit) ; demandez à votre enseignant de le "
              "rétablir.",
    },
    "ignored": {
        "en": "Only your kata files are graded. For grading, these other files were set back to what your "
              "teacher shipped (M: your change undone; D: removed):",
        "fr": "Seuls vos fichiers de kata sont corrigés. Pour la correction, ces autres fichiers ont été remis "
              "tels que votre enseignant les a fournis (M : votre modification annulée ; D : supprimé) :",
    },
    "install-failed-title": {"en": "Install failed", "fr": "Installation impossible"},
    "venv-failed": {
        "en": "Could not create the virtual environment (python3 -m venv .venv): no kata can be graded. "
              "This is not your mistake: tell your teacher.",
        "fr": "Impossible de créer l'environnement virtuel (python3 -m venv .venv) : aucun kata ne peut être "
              "corrigé. Ce n'est pas votre erreur : prévenez votre enseignant.",
    },
    "pip-failed": {
        "en": "Could not install the checker (pip install .): no kata can be graded. Its log is in the step "
              "'Install the checker'. This is not your mistake: tell your teacher.",
        "fr": "Impossible d'installer le correcteur (pip install .) : aucun kata ne peut être corrigé. Son journal "
              "est dans l'étape « Installer le correcteur ». Ce n'est pas votre erreur : prévenez votre "
              "enseignant.",
    },
    "start-failed": {
        "en": "The checker does not start with the reduced environment of Classroom's grader steps (only PATH "
              "and HOME): no kata can be graded. This is not your mistake: tell your teacher.",
        "fr": "Le correcteur ne démarre pas dans l'environnement réduit des étapes de correction de Classroom "
              "(PATH et HOME seulement) : aucun kata ne peut être corrigé. Ce n'est pas votre erreur : prévenez "
              "votre enseignant.",
    },
}


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not slug:
        raise CatalogError(key="task-id-empty", task=text)
    return slug


def _clean(text: str) -> str:
    """Step names are evaluated by Actions: no `${{`; one line."""
    return " ".join(text.replace("${{", "$ {{").split())


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _indent(text: str, spaces: int) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else "" for line in text.splitlines()]
