"""The attack corpus (tests/attacks/), each file one case, run through an exported repository's Classroom
workflow with the offline harness (the real code of GitHub's grading actions): the repository, stubs
otherwise, must earn 0 points and the log must name what stopped the attack. Also: the solutions of every
kata still earn every point through the same workflow, with its real install.

Slow (an export, a real install with pinned hashes and a whole workflow per case): marker `harness`; only the
check that every attack file says what it targets and expects is fast.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker import classroom
from checker.catalog import Catalog

from test_export import HARNESS, REPO, complete, harness, learner, make_repo, yaml_python

ATTACKS = REPO / "tests/attacks"
HARNESS_TIMEOUT = 2400  # a whole workflow with a real install, on a shared machine


def header(path: Path) -> dict[str, str]:
    """The `key: value` lines of the attack's leading comments and docstring."""
    text = path.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line.lstrip("# "))
        elif line.strip():
            break
    try:
        lines += (ast.get_docstring(ast.parse(text)) or "").splitlines()
    except SyntaxError:
        pass
    found: dict[str, str] = {}
    for line in lines:
        match = re.match(r"^\s*(kata|katas|expect|path)\s*:\s*(.+?)\s*$", line)
        if match and match.group(1) not in found:
            found[match.group(1)] = match.group(2)
    found.setdefault("kata", "01")  # a file that names no kata is a kata 01 submission (tests/attacks/README.md)
    return found


def attack_files() -> list[Path]:
    return sorted(p for p in ATTACKS.glob("*.py") if not p.name.startswith("_"))


# Attacks on the learner code's own process live with the fault tests (tests/faults/, every one graded in the
# fast tier); one of each class the grader must also stop in a real workflow goes through the harness too.
IN_PROCESS = [REPO / "tests/faults" / name for name in (
    "heap_walk_signs_record.py",         # walks the heap for the plugin's secret, signs an all-passed record
    "patches_report_classmethod.py",     # pytest's reports say passed for failed calls
    "swaps_helpers_with_setprofile.py",  # the suite's helpers swapped during each call, put back after
)]


def needs_tools() -> None:
    import shutil

    for tool in ("node", "git"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    if not HARNESS.is_file():
        pytest.skip(f"the Classroom harness is not at {HARNESS} (set KATA_CLASSROOM_HARNESS)")
    if yaml_python() is None:
        pytest.skip("the Classroom harness needs PyYAML")


def katas_for(spec: dict[str, str], catalog: Catalog) -> list:
    ready = [k for k in catalog if complete(k)]
    ids = [k.id for k in ready]
    target = spec["kata"].strip()
    if "katas" in spec:
        wanted = [x.strip() for x in spec["katas"].split(",")]
    else:
        at = ids.index(target)
        wanted = ids[at:at + 2]  # the kata, and the next one: a later step to attack
    return [k for k in ready if k.id in wanted]


def test_the_corpus_is_well_formed():
    files = attack_files()
    assert files, "tests/attacks/ holds no attack"
    catalog = Catalog(REPO)
    for path in files + IN_PROCESS:
        spec = header(path)
        assert catalog.get(spec["kata"].strip()), path.name
    assert all(header(path).get("expect") == "tampered" for path in IN_PROCESS)


@pytest.mark.harness
@pytest.mark.timeout(HARNESS_TIMEOUT)
@pytest.mark.parametrize("attack", attack_files() + IN_PROCESS, ids=lambda p: p.stem)
def test_an_attack_earns_nothing_and_the_log_names_what_stopped_it(attack, tmp_path):
    needs_tools()
    spec = header(attack)
    catalog = Catalog(REPO)
    katas = katas_for(spec, catalog)
    target = catalog.get(spec["kata"].strip())
    from checker.export import export

    exported = export(catalog, tmp_path / "export", katas, "en")
    where = spec.get("path") or learner(target)
    repo = make_repo(exported, tmp_path / "repo", later={where: attack.read_bytes()})
    actions_before = set(HARNESS.parent.rglob("kata-attack-*"))
    summary, log = harness(exported / classroom.WORKFLOW_PATH, repo, timeout=900)
    shown = "\n".join(line for line in log.splitlines() if not line.startswith("WARNING: Location"))  # pip noise
    assert summary["points"] == 0, f"the attack earned {summary['points']} points:\n{shown[-6000:]}"
    planted = set(HARNESS.parent.rglob("kata-attack-*")) - actions_before
    assert not planted, f"the attack wrote beside the grading actions' code: {sorted(planted)}"
    if "expect" in spec:
        expected = [word.strip() for word in spec["expect"].split("|")]
        assert any(word in log for word in expected), f"the log names none of {expected}:\n{shown[-6000:]}"
    else:  # the target's check ran, and ran confined (the report says so in one line when it is not)
        assert f"Kata {target.id} not passed" in log, shown[-6000:]
        assert "without confinement" not in log, shown[-6000:]


@pytest.mark.harness
@pytest.mark.timeout(HARNESS_TIMEOUT)
@pytest.mark.parametrize("hogs", [0, 2], ids=["beside-the-others", "beside-2-cpu-hogs"])
def test_the_solutions_of_every_kata_earn_every_point(hogs, tmp_path):
    """Through the real install. A kata may lose points only with the busy-runner message (the machine is
    shared: an idle-machine 140/140 is measured by hand, see the report); beside 2 processes that spin, no right
    solution's step may fail with a learner-mistake code."""
    needs_tools()
    catalog = Catalog(REPO)
    katas = [k for k in catalog if complete(k)]
    from checker.export import export

    exported = export(catalog, tmp_path / "export", katas, "en")
    repo = make_repo(exported, tmp_path / "repo", later={learner(k): k.solution_file.read_bytes() for k in katas})
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(hogs)]
    try:
        summary, log = harness(exported / classroom.WORKFLOW_PATH, repo, timeout=1800)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert summary["max"] == sum(k.points for k in katas)
    lost = {runner: v for runner, v in summary["runners"].items() if v["score"] != v["max_score"]}
    busy = len(re.findall(r"^::warning title=busy runner::", log, re.M))
    assert busy >= len(lost), f"points lost without the busy-runner message: {lost}\n{log[-4000:]}"
    assert summary["points"] + sum(v["max_score"] for v in lost.values()) == summary["max"]
