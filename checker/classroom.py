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
LOCK_PATH = "requirements.lock"  # the pinned grading dependencies (checker/lock.py writes it)
GRADING_DIR = ".kata-grading"  # written by the grading job only: one file per kata that cannot be graded
PYTHON_VERSION = "3.13"  # the newest Python the checker's own tests run on (README: set-up)
BUSY_STATUS = 3  # `kata check`'s exit status when the machine stayed too busy to measure: not graded
SETUP_MINUTES = 5  # checkout, setup-python, restore: each step's timeout-minutes
INSTALL_MINUTES = 10
REPORTER_MINUTES = 2
FINGERPRINT_PLACEHOLDER = "0" * 64  # where the workflow's own fingerprint goes (see workflow())
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
    timeout_min: int  # the grader's own `timeout`: it reports `error` for this kata only

    @property
    def step_minutes(self) -> int:
        """The step's `timeout-minutes`, one more than the grader's: if the grader's own limit did not stop it,
        Actions does."""
        return self.timeout_min + 1


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
        if not kata.tasks:
            steps.append(GraderStep(step_id(kata), _clean(f"Kata {kata.id} — {title}"), kata.id, None,
                                    grader_command(kata.id, f"check {kata.id} --lang {lang}", lang),
                                    kata.points, minutes))
            continue
        for task in kata.tasks:
            task_title = pick(task.title, lang) if task.title else task.id
            sid = step_id(kata, task.id)
            steps.append(GraderStep(sid, _clean(f"Kata {kata.id} — {title}: {task_title}"),
                                    kata.id, task.id,
                                    grader_command(sid, f"check {kata.id} --task {shlex.quote(task.id)} "
                                                        f"--lang {lang}", lang, kata.id),
                                    task.points, minutes))
    ids = [s.id for s in steps]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogError(key="steps-share-id", id=duplicates[0])
    return steps


def grader_command(name: str, args: str, lang: str, kata_id: str | None = None) -> str:
    """The /bin/sh command of one grader step. A kata the earlier steps found ungradable fails at once with
    their message; otherwise `kata check`, its output shown as it comes and kept, its exit status carried out
    (only a literal 0 passes). A check that said `busy-machine` gets the busy-runner message, in both
    languages: not the student's mistake, and how to re-run the job."""
    kata_id = kata_id or name.removeprefix("kata-")
    busy = f"{_T['busy'][lang]} / {_T['busy'][_other(lang)]}"
    return (f"g={GRADING_DIR}; mkdir -p $g; [ ! -e $g/{kata_id} ] || {{ cat $g/{kata_id}; exit 1; }}; exec 4>&1; "
            f"rc=$( {{ {{ .venv/bin/kata {args} 2>&1; echo $? >&3; }} | tee $g/out-{name} >&4; }} 3>&1 ); "
            f"[ \"$rc\" = 0 ] && exit 0; "
            f"if [ \"$rc\" = {BUSY_STATUS} ] || grep -q busy-machine $g/out-{name}; then "
            f"echo {shlex.quote('::warning title=busy runner::' + busy)}; fi; exit 1")


def timeout_minutes(kata: Kata) -> int:
    """The grader's `timeout` (minutes): room for the kata's own limit three times (a check, and the retries
    of a busy-machine verdict), plus start-up."""
    return max(1, math.ceil((3 * kata.timeout_s + 60) / 60))


def job_minutes(steps: list[GraderStep]) -> int:
    """The job's `timeout-minutes`: every step's own limit, added up. A push whose code hangs holds a runner
    that long at most, never the 6 hours Actions allows by default."""
    return 3 * SETUP_MINUTES + INSTALL_MINUTES + sum(s.step_minutes for s in steps) + REPORTER_MINUTES


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
        "# One grading run per repository and branch at a time: a newer push cancels the older run.",
        "concurrency:",
        "  group: ${{ github.workflow }}-${{ github.ref }}",
        "  cancel-in-progress: true",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        f"    timeout-minutes: {job_minutes(steps)}",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        f"        timeout-minutes: {SETUP_MINUTES}",
        "        with:",
        "          fetch-depth: 0",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        f"        timeout-minutes: {SETUP_MINUTES}",
        "        with:",
        f"          python-version: {_q(python)}",
        f"      - name: {_q(_T['restore-step'][lang])}",
        "        shell: bash",
        f"        timeout-minutes: {SETUP_MINUTES}",
        "        run: |",
        *_indent(_restore_script(manifest, learner_files, ids, lang), 10),
        f"      - name: {_q(_T['install-step'][lang])}",
        "        shell: bash",
        f"        timeout-minutes: {INSTALL_MINUTES}",
        "        run: |",
        *_indent(_install_script(ids, lang), 10),
    ]
    for step in steps:
        out += [
            f"      - name: {_q(step.name)}",
            f"        id: {step.id}",
            "        uses: classroom-resources/autograding-command-grader@v1",
            f"        timeout-minutes: {step.step_minutes}",
            "        with:",
            f"          test-name: {_q(step.name)}",
            f"          command: {_q(step.command)}",
            f"          timeout: {step.timeout_min}",
            f"          max-score: {step.max_score}",
        ]
    out += [
        "      - name: Autograding Reporter",
        "        uses: classroom-resources/autograding-grading-reporter@v1",
        f"        timeout-minutes: {REPORTER_MINUTES}",
        "        env:",
        *[f"          {s.id.upper()}_RESULTS: \"${{{{steps.{s.id}.outputs.result}}}}\"" for s in steps],
        "        with:",
        f"          runners: {','.join(s.id for s in steps)}",
    ]
    text = "\n".join(out) + "\n"
    # The restore step checks this file against its fingerprint (the SHA-256 of the text with the placeholder
    # in place of the fingerprint): an edit such as `|| true` after a check is named in the log.
    assert text.count(FINGERPRINT_PLACEHOLDER) == 1
    return text.replace(FINGERPRINT_PLACEHOLDER, hashlib.sha256(text.encode()).hexdigest())


def manifest_paths(text: str) -> set[str]:
    """The paths of the manifest a workflow written by `workflow()` carries (empty if it has none)."""
    if "<<'MANIFEST'\n" not in text:
        return set()
    block = text.split("<<'MANIFEST'\n", 1)[1].split("MANIFEST\n", 1)[0]
    rows = [line.split(maxsplit=3) for line in block.splitlines()]
    return {row[3] for row in rows if len(row) == 4 and not row[3].startswith(("/", "../")) and ".." not in row[3].split("/")}


def fingerprint_ok(text: str) -> bool:
    """Whether a workflow's text is the one `workflow()` wrote (its fingerprint matches)."""
    found = re.search(r"^ *expected=([0-9a-f]{64})$", text, re.M)
    if not found:
        return False
    blank = text.replace(found.group(1), FINGERPRINT_PLACEHOLDER)
    return blank.count(FINGERPRINT_PLACEHOLDER) == 1 and hashlib.sha256(blank.encode()).hexdigest() == found.group(1)


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
# This workflow itself: a student who edits it can change the grading; Classroom's protected paths flag it
# to the teacher, and so does this check (unless the edit removed it).
wf={WORKFLOW_PATH}
expected={FINGERPRINT_PLACEHOLDER}
zeros=$(printf '%064d' 0)
if [ "$(sed "s/$expected/$zeros/" "$wf" 2>/dev/null | sha256sum | cut -c1-64)" != "$expected" ]; then
  echo "::error title=workflow edited::$wf"
  echo {shlex.quote(_T['edited'][lang])}
  echo "::error title=workflow edited::$wf" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
fi
# Another workflow file under .github runs beside the grading, outside of it: named for the teacher.
find .github -type f ! -path "./$wf" ! -path "$wf" 2>/dev/null | sort | while read -r extra; do
  echo "::error title=file added under .github::$extra"
  printf {shlex.quote(_T['added'][lang] + chr(92) + 'n')} "$extra"
  echo "::error title=file added under .github::$extra" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
done
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
# The venv gets no pip of its own (faster): the pip of setup-python installs into it. The dependencies are
# the exact versions the teacher exported with, checked against their hashes; then the checker, built offline.
python3 -m venv --without-pip .venv || broken {shlex.quote(_T['venv-failed'][lang])}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --require-hashes --no-deps -r {LOCK_PATH} || broken {shlex.quote(_T['pip-failed'][lang])}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --no-deps --no-build-isolation --no-index . || broken {shlex.quote(_T['pip-failed'][lang])}
# Grader commands run with only PATH and HOME: prove the checker starts like that.
env -i PATH="$PATH" HOME="$HOME" .venv/bin/kata --version || broken {shlex.quote(_T['start-failed'][lang])}
exit 0"""


_T = {
    "busy": {
        "en": "The runner was too busy to measure some checks of this kata (busy-machine), even after retries: "
              "that is not your mistake, and those checks were not graded. Re-run the job: on GitHub, open the "
              "Actions tab, this run, then Re-run jobs > Re-run all jobs (or push a new commit).",
        "fr": "La machine de correction était trop occupée pour mesurer certaines vérifications de ce kata "
              "(busy-machine), même après plusieurs essais : ce n’est pas votre erreur, et elles n’ont pas été "
              "notées. Relancez le travail : sur GitHub, onglet Actions, cette exécution, puis « Re-run jobs » > "
              "« Re-run all jobs » (ou poussez un nouveau commit).",
    },
    "edited": {
        "en": "This grading workflow is not the one your teacher shipped: it was edited. Your teacher sees it, and "
              "grades the class from their side with the original one. Put the file back as it was.",
        "fr": "Ce workflow de correction n'est pas celui fourni par votre enseignant : il a été modifié. Votre "
              "enseignant le voit, et note la classe de son côté avec l'original. Remettez le fichier tel qu'il "
              "était.",
    },
    "added": {
        "en": "%s was added under .github/: it is not part of the grading, and your teacher sees it.",
        "fr": "%s a été ajouté sous .github/ : il ne fait pas partie de la correction, et votre enseignant le "
              "voit.",
    },
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
        "en": "Could not install the checker and its pinned dependencies (requirements.lock): no kata can be graded. Its log is in the step "
              "'Install the checker'. This is not your mistake: tell your teacher.",
        "fr": "Impossible d'installer le correcteur et ses dépendances figées (requirements.lock) : aucun kata ne peut être corrigé. Son journal "
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


def _other(lang: str) -> str:
    return "fr" if lang == "en" else "en"


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
