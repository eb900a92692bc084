"""The shell of the grading job's two preparation steps (restore the shipped files, install the checker) and
the job's messages to the student, in English and French. Both steps never fail the job: a failed `run:` step
would skip the graders and the reporter, and the student would get no grade and no explanation.
"""

from __future__ import annotations

import shlex

from checker.errors import CatalogError
from checker.manifest import ALL, FINGERPRINT_PLACEHOLDER, NONE, ManifestEntry

WORKFLOW_PATH = ".github/workflows/classroom.yml"
LOCK_PATH = "requirements.lock"  # the pinned grading dependencies (checker/lock.py writes it)
GRADING_DIR = ".kata-grading"  # written by the grading job only: one file per kata that cannot be graded


def restore_script(manifest: list[ManifestEntry], learner_files: list[str], ids: str, lang: str) -> str:
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
    printf {shlex.quote(TEXTS['tampered'][lang] + chr(92) + 'n')} "$k" "$path" >> "{GRADING_DIR}/$k"
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
  echo {shlex.quote(TEXTS['edited'][lang])}
  echo "::error title=workflow edited::$wf" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
fi
# Another workflow file under .github runs beside the grading, outside of it: named for the teacher.
find .github -type f ! -path "./$wf" ! -path "$wf" 2>/dev/null | sort | while read -r extra; do
  echo "::error title=file added under .github::$extra"
  printf {shlex.quote(TEXTS['added'][lang] + chr(92) + 'n')} "$extra"
  echo "::error title=file added under .github::$extra" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
done
changed=$(git -c core.quotepath=off status --short --untracked-files=no)
if [ -n "$changed" ]; then
  echo {shlex.quote(TEXTS['ignored'][lang])}
  echo "$changed"
fi
exit 0"""


def install_script(ids: str, lang: str) -> str:
    return f"""\
set +e
katas="{ids}"
broken() {{
  echo "::error title={TEXTS['install-failed-title'][lang]}::$1"
  mkdir -p {GRADING_DIR}
  for k in $katas; do printf '%s\\n' "$1" >> "{GRADING_DIR}/$k"; done
  exit 0
}}
# The venv gets no pip of its own (faster): the pip of setup-python installs into it. The dependencies are
# the exact versions the teacher exported with, checked against their hashes; then the checker, built offline.
python3 -m venv --without-pip .venv || broken {shlex.quote(TEXTS['venv-failed'][lang])}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --require-hashes --no-deps -r {LOCK_PATH} || broken {shlex.quote(TEXTS['pip-failed'][lang])}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --no-deps --no-build-isolation --no-index . || broken {shlex.quote(TEXTS['pip-failed'][lang])}
# Grader commands run with only PATH and HOME: prove the checker starts like that.
env -i PATH="$PATH" HOME="$HOME" .venv/bin/kata --version || broken {shlex.quote(TEXTS['start-failed'][lang])}
exit 0"""


TEXTS = {
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


def other(lang: str) -> str:
    return "fr" if lang == "en" else "en"
