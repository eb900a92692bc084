"""The GitHub Classroom workflow of an exported repository (.github/workflows/classroom.yml), as text.

Pure functions: katas and a manifest in, YAML text out. The shape follows what Classroom itself generates
(name `Autograding Tests`, one job `run-autograding-tests`, one `autograding-command-grader` step per kata
or per task, one `autograding-grading-reporter` step); see the teacher guide for why each part is there.

Integrity: the workflow carries the manifest of the shipped files (checker/manifest.py) and its own
fingerprint; its first two steps restore those files and install the checker (checker/jobscripts.py).
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
from checker.i18n import pick, t
from checker.jobscripts import LOCK_PATH, WORKFLOW_PATH  # noqa: F401 (the paths of an exported repository)
from checker.jobscripts import GRADING_DIR, install_script, other, restore_script
from checker.manifest import FINGERPRINT_PLACEHOLDER, ManifestEntry

PYTHON_VERSION = "3.13"  # the newest Python the checker's own tests run on (README: set-up)
BUSY_STATUS = 3  # `kata check`'s exit status when the machine stayed too busy to measure: not graded
SETUP_MINUTES = 5  # checkout, setup-python, restore: each step's timeout-minutes
INSTALL_MINUTES = 10
REPORTER_MINUTES = 2


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
    busy = f"{t('job-busy', lang)} / {t('job-busy', other(lang))}"
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
        f"      - name: {_q(t('job-restore-step', lang))}",
        "        shell: bash",
        f"        timeout-minutes: {SETUP_MINUTES}",
        "        run: |",
        *_indent(restore_script(manifest, learner_files, ids, lang), 10),
        f"      - name: {_q(t('job-install-step', lang))}",
        "        shell: bash",
        f"        timeout-minutes: {INSTALL_MINUTES}",
        "        run: |",
        *_indent(install_script(ids, lang), 10),
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
