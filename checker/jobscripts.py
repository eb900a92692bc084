"""The shell of the grading job's two preparation steps (restore the shipped files, install the checker) and
the job's messages to the student, in the export's language (their texts: checker/texts/classroom.py). Both
steps never fail the job: a failed `run:` step would skip the graders and the reporter, and the student would
get no grade and no explanation.
"""

from __future__ import annotations

import shlex

from checker.errors import CatalogError
from checker.i18n import t
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
    printf {shlex.quote(t('job-tampered', lang) + chr(92) + 'n')} "$k" "$path" >> "{GRADING_DIR}/$k"
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
  echo {shlex.quote(t('job-edited', lang))}
  echo "::error title=workflow edited::$wf" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
fi
# Another workflow file under .github runs beside the grading, outside of it: named for the teacher.
find .github -type f ! -path "./$wf" ! -path "$wf" 2>/dev/null | sort | while read -r extra; do
  echo "::error title=file added under .github::$extra"
  printf {shlex.quote(t('job-added', lang) + chr(92) + 'n')} "$extra"
  echo "::error title=file added under .github::$extra" >> "${{GITHUB_STEP_SUMMARY:-/dev/null}}"
done
changed=$(git -c core.quotepath=off status --short --untracked-files=no)
if [ -n "$changed" ]; then
  echo {shlex.quote(t('job-ignored', lang))}
  echo "$changed"
fi
exit 0"""


def install_script(ids: str, lang: str) -> str:
    return f"""\
set +e
katas="{ids}"
broken() {{
  echo "::error title={t('job-install-failed-title', lang)}::$1"
  mkdir -p {GRADING_DIR}
  for k in $katas; do printf '%s\\n' "$1" >> "{GRADING_DIR}/$k"; done
  exit 0
}}
# The venv gets no pip of its own (faster): the pip of setup-python installs into it. The dependencies are
# the exact versions the teacher exported with, checked against their hashes; then the checker, built offline.
python3 -m venv --without-pip .venv || broken {shlex.quote(t('job-venv-failed', lang))}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --require-hashes --no-deps -r {LOCK_PATH} || broken {shlex.quote(t('job-pip-failed', lang))}
python3 -m pip --python .venv/bin/python install --disable-pip-version-check --no-input -q \\
  --no-deps --no-build-isolation --no-index . || broken {shlex.quote(t('job-pip-failed', lang))}
# Grader commands run with only PATH and HOME: prove the checker starts like that.
env -i PATH="$PATH" HOME="$HOME" .venv/bin/kata --version || broken {shlex.quote(t('job-start-failed', lang))}
exit 0"""


def other(lang: str) -> str:
    return "fr" if lang == "en" else "en"
