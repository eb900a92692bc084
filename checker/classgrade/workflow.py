"""`kata class workflow`: the GitHub Actions workflow that grades a class from the teacher's private repository
(this repository, with its solutions and hidden suites): a matrix of shards, each cloning the students'
repositories with a token the teacher stores as a secret and grading its share, then one job merging the
shards into the gradebook. It runs on the teacher's side: a student's edits of its own workflow cannot reach it.
"""

from __future__ import annotations

from checker.classroom import PYTHON_VERSION

SECRET = "CLASSROOM_TOKEN"


def workflow(shards: int = 4, katas: str | None = None, python: str = PYTHON_VERSION) -> str:
    only = f" --katas {katas}" if katas else ""
    matrix = ", ".join(str(i) for i in range(1, shards + 1))
    setup = f"""\
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Install the checker
        run: python -m venv .venv && .venv/bin/pip install -q .
"""  # both jobs start alike: this repository, its Python, the checker
    return f"""\
# Grade a GitHub Classroom assignment from the teacher's side: .github/workflows/grade-class.yml of the
# teacher's PRIVATE repository. Written by `kata class workflow`. Run it from the Actions tab (Run workflow),
# giving the assignment's id (`gh classroom assignments`). Secret {SECRET}: a token that can read the
# students' repositories of the classroom's organization (a fine-grained token with Contents: read on them).
name: Grade the class
on:
  workflow_dispatch:
    inputs:
      assignment:
        description: Classroom assignment id
        required: true
permissions:
  contents: read
jobs:
  grade:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    strategy:
      fail-fast: false
      matrix:
        shard: [{matrix}]
    steps:
{setup}      - name: Clone the students' repositories
        env:
          GH_TOKEN: ${{{{ secrets.{SECRET} }}}}
        run: |
          gh extension install github/gh-classroom
          mkdir -p class && cd class
          gh classroom clone student-repos -a "${{{{ inputs.assignment }}}}"
      - name: Keep the verdicts of earlier runs (only changed files are checked again)
        uses: actions/cache@v4
        with:
          path: out/.cache
          key: kata-class-${{{{ inputs.assignment }}}}-${{{{ matrix.shard }}}}-${{{{ github.run_id }}}}
          restore-keys: kata-class-${{{{ inputs.assignment }}}}-${{{{ matrix.shard }}}}-
      - name: Grade this shard
        run: |
          .venv/bin/kata class grade class/*-submissions --out out --shard ${{{{ matrix.shard }}}}/{shards}{only}
      - uses: actions/upload-artifact@v4
        with:
          name: shard-${{{{ matrix.shard }}}}
          path: |
            out/results.json
            out/grades.csv
            out/report.html
  merge:
    needs: grade
    runs-on: ubuntu-latest
    steps:
{setup}      - uses: actions/download-artifact@v4
        with:
          pattern: shard-*
          path: shards
      - name: Merge the shards
        run: .venv/bin/kata class merge shards/shard-* --out gradebook && .venv/bin/kata class stats gradebook
      - uses: actions/upload-artifact@v4
        with:
          name: gradebook
          path: gradebook
"""
