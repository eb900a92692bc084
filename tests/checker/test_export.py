"""`kata export`: the student repository, and its Classroom workflow run by the real Classroom actions.

The workflow is run through the offline harness (classroom-harness/run-classroom.js), which executes the
real `dist/main.js` of autograding-command-grader@v1 and autograding-grading-reporter@v1. Every scenario
runs at once. One installs the exported project for real (a venv and `pip install .`, which needs PyPI);
the others replace only the install step by a ready `kata`, and run everything else of the workflow as is.
"""

import concurrent.futures
import dataclasses
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from checker import classroom
from checker.catalog import Catalog, Kata, Task
from checker.errors import CatalogError, KataError
from checker.export import export
from checker.manifest import ALL, NONE, ManifestEntry, fingerprint_ok, git_blob_id

REPO = Path(__file__).resolve().parents[2]
# The offline Classroom harness: KATA_CLASSROOM_HARNESS, else a copy in dev/, else the shared one.
HARNESS = next((p for p in (Path(os.environ.get("KATA_CLASSROOM_HARNESS", "/nonexistent")),
                            REPO / "dev/classroom-harness/run-classroom.js",
                            REPO.parent / "shared/classroom-harness/run-classroom.js",
                            Path("/work/shared/classroom-harness/run-classroom.js")) if p.is_file()),
               Path("dev/classroom-harness/run-classroom.js"))
GIT = ["git", "-c", "user.name=Kata Test", "-c", "user.email=kata@example.invalid", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"]
MISTAKE = REPO / "tests/mistakes/01_first_coroutine/blocking_sleep.py"  # declares blocking-call
SHIPPED_TOP = {".gitattributes", ".github", ".gitignore", "README.md", "README.fr.md", "checker", "katas",
               "pyproject.toml", "requirements.lock", "tests"}


def complete(kata: Kata) -> bool:
    return all(p.is_file() for p in (kata.stub_file, kata.suite, kata.solution_file, kata.kata_dir / "README.md"))


# Kata 01, and 02 when it is complete: never the katas still being written.
KATAS = [k for k in Catalog(REPO) if k.id in ("01", "02") and complete(k)]
MAX = sum(k.points for k in KATAS)


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    return export(Catalog(REPO), tmp_path_factory.mktemp("export") / "student", KATAS, "en")


def relative_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def manifest_of(workflow_text: str) -> dict[str, tuple[str, str, str]]:
    """path -> (blob, sha256, owner), read back from the workflow's restore step."""
    block = workflow_text.split("<<'MANIFEST'\n", 1)[1].split("\n          MANIFEST\n", 1)[0]
    rows = [line.split() for line in block.splitlines() if line.strip()]
    return {path: (blob, sha, owner) for blob, sha, owner, path in rows}


# --- what is shipped ------------------------------------------------------------------------------------------

def test_ships_only_the_student_repository(exported):
    assert {p.name for p in exported.iterdir()} == SHIPPED_TOP
    assert {p.name for p in (exported / "tests").iterdir()} == {"katas"}
    assert {p.name for p in (exported / "katas").iterdir()} == {k.folder for k in KATAS}
    files = relative_files(exported)
    forbidden = re.compile(r"^(solutions|tests/mistakes|tests/faults|tests/accepted|tests/checker|dev|bench|\.ci)/"
                           r"|(^|/)(\.kata|\.venv[^/]*|__pycache__|\.git|[^/]*\.egg-info)(/|$)|\.pyc$")
    assert [f for f in files if forbidden.search(f)] == []
    for kata in KATAS:
        assert (exported / "katas" / kata.folder / kata.file).read_bytes() == kata.stub_file.read_bytes()
        assert (exported / "tests/katas" / kata.folder / "stub.py").read_bytes() == kata.stub_file.read_bytes()
        assert (exported / "tests/katas" / kata.folder / kata.suite.name).read_bytes() == kata.suite.read_bytes()
    assert (exported / "checker/child/child.ini").is_file() and (exported / "checker/cli.py").is_file()
    assert ".kata/" in (exported / ".gitignore").read_text().splitlines()


def test_the_students_pyproject_has_the_dependencies_and_no_teacher_extra(exported):
    ours = tomllib.loads((REPO / "pyproject.toml").read_text())
    theirs = tomllib.loads((exported / "pyproject.toml").read_text())
    assert theirs["project"]["dependencies"] == ours["project"]["dependencies"]
    assert theirs["project"]["name"] == ours["project"]["name"]  # `kata --version` looks it up
    assert "optional-dependencies" not in theirs["project"]
    assert theirs["project"]["scripts"] == {"kata": "checker.cli:main"}
    assert theirs["tool"]["setuptools"] == ours["tool"]["setuptools"]  # the same packages and data files
    assert theirs["build-system"] == ours["build-system"]


def test_readmes_in_both_languages_list_the_katas(exported, tmp_path):
    english = (exported / "README.md").read_text(encoding="utf-8")
    french = (exported / "README.fr.md").read_text(encoding="utf-8")
    for kata in KATAS:
        assert f"katas/{kata.folder}/{kata.file}" in english and kata.title["en"] in english
        assert f"katas/{kata.folder}/{kata.file}" in french and kata.title["fr"] in french
    assert "How grading works" in english and "Comment la note est calculée" in french
    fr_first = export(Catalog(REPO), tmp_path / "fr", KATAS[:1], "fr")
    assert "Comment la note est calculée" in (fr_first / "README.md").read_text(encoding="utf-8")
    assert (fr_first / "README.en.md").is_file() and not (fr_first / "README.fr.md").exists()


def test_solutions_only_on_request(tmp_path):
    out = export(Catalog(REPO), tmp_path / "with", KATAS[:1], with_solutions=True)
    kata = KATAS[0]
    assert (out / "solutions" / kata.folder / kata.file).read_bytes() == kata.solution_file.read_bytes()


def test_the_teachers_own_copy_of_a_learner_file_is_never_shipped(tmp_path):
    course = tmp_path / "course"
    for part in ("katas", "solutions", "tests/katas"):
        shutil.copytree(REPO / part / "01_first_coroutine", course / part / "01_first_coroutine")
    shutil.copy(REPO / "pyproject.toml", course)
    catalog = Catalog(course)
    kata = catalog.get("01")
    shutil.copy(kata.solution_file, kata.learner_file)  # the teacher tried the kata in place
    out = export(catalog, tmp_path / "out", [kata])
    assert (out / "katas" / kata.folder / kata.file).read_bytes() == kata.stub_file.read_bytes()


# --- refusals -------------------------------------------------------------------------------------------------

def test_refuses_a_non_empty_destination(tmp_path):
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    with pytest.raises(KataError, match="not empty") as caught:
        export(Catalog(REPO), dest, KATAS)
    assert "\n" not in str(caught.value)
    assert relative_files(dest) == {"notes.txt"}


def test_refuses_a_file_as_destination(tmp_path):
    dest = tmp_path / "dest"
    dest.write_text("mine")
    with pytest.raises(KataError, match="is a file"):
        export(Catalog(REPO), dest, KATAS)
    assert dest.read_text() == "mine"


def test_an_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "dest").mkdir()
    assert (export(Catalog(REPO), tmp_path / "dest", KATAS[:1]) / "pyproject.toml").is_file()


def test_refuses_an_incomplete_kata_and_leaves_nothing(tmp_path):
    course = tmp_path / "course"
    for part in ("katas", "tests/katas"):
        shutil.copytree(REPO / part / "01_first_coroutine", course / part / "01_first_coroutine")
    shutil.copy(REPO / "pyproject.toml", course)
    catalog = Catalog(course)
    catalog.get("01").suite.unlink()
    with pytest.raises(KataError, match="Kata 01 is not complete.*test_first_coroutine.py"):
        export(catalog, tmp_path / "out", catalog.katas)
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["course"]  # no staging folder left behind


# --- the workflow ---------------------------------------------------------------------------------------------

def test_the_workflow_has_the_classroom_skeleton_and_one_grader_per_kata(exported):
    yaml = pytest.importorskip("yaml", reason="PyYAML (test extra) parses the generated workflow")
    text = (exported / classroom.WORKFLOW_PATH).read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    assert wf["name"] == "Autograding Tests"
    assert wf["on"] == ["push", "workflow_dispatch", "repository_dispatch"] and "'on':" in text
    assert wf["permissions"] == {"checks": "write", "actions": "read", "contents": "read"}
    assert list(wf["jobs"]) == ["run-autograding-tests"]
    job = wf["jobs"]["run-autograding-tests"]
    assert job["runs-on"] == "ubuntu-latest" and job["if"] == "github.actor != 'github-classroom[bot]'"
    steps = job["steps"]
    assert steps[0]["uses"] == "actions/checkout@v4" and steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["uses"] == "actions/setup-python@v5" and steps[1]["with"]["python-version"] == "3.13"
    assert wf["concurrency"] == {"group": "${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": True}
    assert all(isinstance(s["timeout-minutes"], int) and s["timeout-minutes"] >= 1 for s in steps)
    assert job["timeout-minutes"] == sum(s["timeout-minutes"] for s in steps) < 60
    graders = [s for s in steps if s.get("uses") == "classroom-resources/autograding-command-grader@v1"]
    assert [g["id"] for g in graders] == [f"kata-{k.id}" for k in KATAS]
    for grader, kata in zip(graders, KATAS):
        assert grader["with"]["max-score"] == kata.points
        assert f".venv/bin/kata check {kata.id} --lang en 2>&1" in grader["with"]["command"]
        assert grader["timeout-minutes"] == grader["with"]["timeout"] + 1  # the grader's own limit comes first
        assert grader["with"]["timeout"] * 60 >= 3 * kata.timeout_s  # a check and two busy-machine retries
        assert grader["with"]["test-name"] == grader["name"] and kata.title["en"] in grader["name"]
        assert isinstance(grader["with"]["timeout"], int) and grader["with"]["timeout"] >= 1
    reporter = steps[-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    assert reporter["with"]["runners"] == ",".join(g["id"] for g in graders)
    assert reporter["env"] == {f"{g['id'].upper()}_RESULTS": f"${{{{steps.{g['id']}.outputs.result}}}}"
                               for g in graders}
    runs = [s for s in steps if "run" in s]
    assert len(steps) == 2 + len(runs) + len(graders) + 1 and all(s.get("shell") == "bash" for s in runs)


def test_the_manifest_covers_every_shipped_file_but_the_learners_and_the_workflow(exported):
    manifest = manifest_of((exported / classroom.WORKFLOW_PATH).read_text(encoding="utf-8"))
    learner = {f"katas/{k.folder}/{k.file}" for k in KATAS}
    assert set(manifest) == relative_files(exported) - learner - {classroom.WORKFLOW_PATH}
    for path, (blob, sha, owner) in manifest.items():
        data = (exported / path).read_bytes()
        assert (blob, sha) == (git_blob_id(data), hashlib.sha256(data).hexdigest())
        kata = re.match(r"(?:tests/)?katas/(\d\d)_", path)
        if path.endswith(".md") or path in (".gitignore", ".gitattributes"):
            assert owner == NONE  # grading does not read it: a teacher may still fix a README
        else:
            assert owner == (kata.group(1) if kata else ALL)


def test_blob_ids_are_gits_own(exported, tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = make_repo(exported, tmp_path / "repo")
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=repo, capture_output=True, text=True, check=True).stdout
    blobs = {line.split("\t")[1]: line.split()[1] for line in listed.splitlines()}
    manifest = manifest_of((exported / classroom.WORKFLOW_PATH).read_text(encoding="utf-8"))
    assert {path: entry[0] for path, entry in manifest.items()} == {p: blobs[p] for p in manifest}


def fake_kata(tasks=()) -> Kata:
    return dataclasses.replace(KATAS[0], id="07", slug="seven", file="seven.py", title={"en": "Seven", "fr": "Sept"},
                               points=sum(t.points for t in tasks) or 10, tasks=tuple(tasks))


def test_a_kata_with_tasks_gets_one_grader_step_per_task():
    yaml = pytest.importorskip("yaml", reason="PyYAML (test extra) parses the generated workflow")
    tasks = [Task("read", 4, {"en": "Read it", "fr": "Le lire"}), Task("Write_It", 6, {})]
    kata = fake_kata(tasks)
    text = classroom.workflow([KATAS[0], kata], [], [], "fr")
    steps = yaml.safe_load(text)["jobs"]["run-autograding-tests"]["steps"]
    graders = {s["id"]: s["with"] for s in steps if "id" in s}
    assert list(graders) == ["kata-01", "kata-07-task-read", "kata-07-task-write-it"]
    assert [g["max-score"] for g in graders.values()] == [KATAS[0].points, 4, 6]
    assert ".venv/bin/kata check 07 --task Write_It --lang fr 2>&1" in graders["kata-07-task-write-it"]["command"]
    assert "[ ! -e $g/07 ]" in graders["kata-07-task-write-it"]["command"]  # the kata's ungradable marker
    assert steps[-1]["with"]["runners"] == "kata-01,kata-07-task-read,kata-07-task-write-it"
    assert set(steps[-1]["env"]) == {"KATA-01_RESULTS", "KATA-07-TASK-READ_RESULTS", "KATA-07-TASK-WRITE-IT_RESULTS"}
    assert "Le lire" in graders["kata-07-task-read"]["test-name"]


def test_task_ids_that_collide_as_step_ids_are_refused():
    with pytest.raises(CatalogError, match="share the id kata-07-task-a-b"):
        classroom.grader_steps([fake_kata([Task("a_b", 5, {}), Task("a-b", 5, {})])])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_run_steps_are_valid_bash_in_both_languages(exported, lang):
    yaml = pytest.importorskip("yaml", reason="PyYAML (test extra) parses the generated workflow")
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    text = exported.joinpath(classroom.WORKFLOW_PATH).read_text(encoding="utf-8")
    if lang == "fr":
        manifest = [ManifestEntry.of("README.md", b"# Katas\n")]
        text = classroom.workflow(KATAS, manifest, [learner(k) for k in KATAS], "fr")
    runs = [s["run"] for s in yaml.safe_load(text)["jobs"]["run-autograding-tests"]["steps"] if "run" in s]
    assert len(runs) == 2
    for script in runs:
        checked = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        assert "${{" not in script  # Actions would evaluate it before bash runs


def test_the_dependencies_are_pinned_to_what_is_installed_here_with_hashes(exported):
    from importlib import metadata

    from packaging.utils import canonicalize_name

    text = (exported / "requirements.lock").read_text()
    pins = dict(re.findall(r"^([a-z0-9-]+)==(\S+) \\$", text, re.M))
    theirs = tomllib.loads((exported / "pyproject.toml").read_text())
    for dep in theirs["project"]["dependencies"]:
        name = canonicalize_name(re.split(r"[<>=!~ \[;]", dep, maxsplit=1)[0])
        assert pins[name] == metadata.version(name)
    assert {"aiohttp", "yarl", "pluggy", "setuptools"} <= set(pins)  # dependencies of dependencies, the build
    for block in text.split("==")[1:]:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block)
    manifest = manifest_of((exported / classroom.WORKFLOW_PATH).read_text(encoding="utf-8"))
    assert manifest["requirements.lock"][2] == ALL  # restored before the install, like the checker
    assert "--require-hashes --no-deps -r requirements.lock" in (exported / classroom.WORKFLOW_PATH).read_text()


def test_the_lock_reads_versions_from_this_environment_and_hashes_from_the_index(tmp_path):
    """Offline: a file:// index of two packages; click is the version installed here."""
    from importlib import metadata

    from checker import lock

    click_version = metadata.version("click")
    index = tmp_path / "index"
    pages = {"click": [f"click-{click_version}-py3-none-any.whl", f"click-{click_version}.tar.gz",
                       "click-0.1-py3-none-any.whl"],
             "setuptools": ["setuptools-68.0.0-py3-none-any.whl", "setuptools-99.1-py3-none-any.whl",
                            "setuptools-100.0b1-py3-none-any.whl"]}
    digest = {}
    for name, files in pages.items():
        (index / name).mkdir(parents=True)
        links = []
        for f in files:
            digest[f] = hashlib.sha256(f.encode()).hexdigest()
            links.append(f'<a href="../../files/{f}#sha256={digest[f]}">{f}</a>')
        (index / name / "index.html").write_text("<html><body>" + "".join(links) + "</body></html>")
    pins = lock.lock(["click>=8"], ["setuptools>=68,<100"], "3.13", index=index.as_uri(), cache=tmp_path / "cache")
    # click may need colorama on Windows only: markers are those of the Linux runner
    # setuptools installed here is not on that index: the newest release there that meets the requirement
    assert [(p.name, p.version) for p in pins] == [("click", click_version), ("setuptools", "99.1")]
    assert pins[0].hashes == tuple(sorted(digest[f] for f in pages["click"][:2]))
    shutil.rmtree(index)  # the pages read are cached: the next lock needs no index
    again = lock.lock(["click>=8"], ["setuptools>=68,<100"], "3.13", index=index.as_uri(), cache=tmp_path / "cache")
    assert again == pins
    with pytest.raises(KataError, match="not installed here"):
        lock.lock(["no-such-package-for-katas>=1"], [], "3.13", index=index.as_uri(), cache=tmp_path / "cache")


def test_python_version_of_the_workflow(tmp_path):
    yaml = pytest.importorskip("yaml", reason="PyYAML (test extra) parses the generated workflow")
    out = export(Catalog(REPO), tmp_path / "py312", KATAS[:1], python="3.12", lock="# none\n")
    steps = yaml.safe_load((out / classroom.WORKFLOW_PATH).read_text())["jobs"]["run-autograding-tests"]["steps"]
    assert steps[1]["with"]["python-version"] == "3.12"
    with pytest.raises(KataError, match="Unknown Python '3'"):
        export(Catalog(REPO), tmp_path / "bad", KATAS[:1], python="3", lock="")


def test_the_workflow_knows_its_own_fingerprint(exported):
    text = (exported / classroom.WORKFLOW_PATH).read_text(encoding="utf-8")
    assert fingerprint_ok(text)
    assert not fingerprint_ok(text.replace("--lang en 2>&1;", "--lang en 2>&1 || true;", 1))
    assert not fingerprint_ok(text.replace("timeout: ", "timeout: 9", 1))


def test_update_refreshes_the_grading_files_and_keeps_the_learners_work(exported, tmp_path):
    from checker.export import update

    clone = tmp_path / "clone"
    shutil.copytree(exported, clone)
    first = KATAS[0]
    mine = b"# my work in progress\n"
    (clone / learner(first)).write_bytes(mine)
    suite = clone / "tests/katas" / first.folder / first.suite.name
    suite.write_bytes(b"# the old suite, before the teacher's fix\n")
    (clone / "requirements.lock").unlink()
    (clone / "notes.txt").write_text("the student's own file")
    # a file the previous export shipped (in its manifest) and this one does not: removed
    old_workflow = (clone / classroom.WORKFLOW_PATH).read_text(encoding="utf-8")
    gone = "checker/obsolete_module.py"
    (clone / gone).write_text("# from the old version\n")
    (clone / classroom.WORKFLOW_PATH).write_text(old_workflow.replace(
        "<<'MANIFEST'\n", f"<<'MANIFEST'\n          {'0' * 40} {'0' * 64} all {gone}\n"), encoding="utf-8")
    lock_text = (exported / "requirements.lock").read_text()
    changed = update(Catalog(REPO), clone, KATAS, "en", lock=lock_text)
    assert changed == sorted([classroom.WORKFLOW_PATH, gone, "requirements.lock",
                              f"tests/katas/{first.folder}/{first.suite.name}"])
    assert not (clone / gone).exists()
    assert suite.read_bytes() == first.suite.read_bytes()
    assert (clone / learner(first)).read_bytes() == mine  # untouched
    assert (clone / "notes.txt").read_text() == "the student's own file"
    assert update(Catalog(REPO), clone, KATAS, "en", lock=lock_text) == []  # nothing left to do
    assert update(Catalog(REPO), clone, KATAS, "en", python="3.12", lock=lock_text) == [classroom.WORKFLOW_PATH]
    with pytest.raises(KataError, match="holds no .github/workflows/classroom.yml"):
        update(Catalog(REPO), tmp_path, KATAS, "en", lock=lock_text)


def test_update_on_the_command_line(exported, tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(exported, clone)
    (clone / "tests/katas" / KATAS[0].folder / KATAS[0].suite.name).write_text("# old\n")
    env = {**os.environ, "KATA_ROOT": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "checker", "export", str(clone), "--update", "--katas",
                           ",".join(k.id for k in KATAS), "--lang", "en"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"updated tests/katas/{KATAS[0].folder}/{KATAS[0].suite.name}" in done.stdout


# --- Classroom grading, through the real actions ----------------------------------------------------------------

def make_repo(exported: Path, dest: Path, first: dict | None = None, later: dict | None = None) -> Path:
    """A copy of the export as a git repository: `first` applied before the first commit (as if the history had
    been rewritten), `later` committed on top of it. Values are bytes, or None to delete."""
    shutil.copytree(exported, dest)

    def apply(changes: dict) -> None:
        for rel, data in changes.items():
            if data is None:
                (dest / rel).unlink()
            else:
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                (dest / rel).write_bytes(data)
        subprocess.run([*GIT, "add", "-A"], cwd=dest, check=True, capture_output=True)

    subprocess.run([*GIT, "init", "-q"], cwd=dest, check=True, capture_output=True)
    apply(first or {})
    subprocess.run([*GIT, "commit", "-qm", "template"], cwd=dest, check=True, capture_output=True)
    if later:
        apply(later)
        subprocess.run([*GIT, "commit", "-qm", "student"], cwd=dest, check=True, capture_output=True)
    return dest


def learner(kata: Kata) -> str:
    return f"katas/{kata.folder}/{kata.file}"


def solutions(*but: str) -> dict:
    return {learner(k): k.solution_file.read_bytes() for k in KATAS if k.id not in but}


TRIVIAL_SUITE = b"def test_anything():\n    pass\n"


def harness(workflow: Path, repo: Path, *, timeout: float = 120, broken_python: bool = False) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "KATA_", "VIRTUAL_ENV", "PYTHONPATH"))}
    bin_dir = repo.parent / f"{repo.name}-bin"  # `python3` in the run steps: the Python running these tests
    bin_dir.mkdir(exist_ok=True)
    if broken_python:
        (bin_dir / "python3").write_text("#!/bin/sh\necho 'python3: broken on purpose' >&2\nexit 1\n")
        (bin_dir / "python3").chmod(0o755)
    else:
        (bin_dir / "python3").symlink_to(Path(sys._base_executable).resolve())
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHON"] = yaml_python()  # the harness parses the workflow with PyYAML
    command = [shutil.which("node"), str(HARNESS), str(workflow), str(repo), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    output = done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert last.startswith("{"), f"harness failed (exit {done.returncode}):\n{output[-3000:]}"
    return json.loads(last), output


def reuse_install(workflow_text: str, venv: Path) -> str:
    """The same workflow, whose install step links a ready venv instead of installing the checker."""
    step = re.compile(r'      - name: "Install the checker"\n.*?(?=      - name: )', re.S)
    replaced, count = step.subn(f'      - name: "Install the checker"\n        shell: bash\n        run: |\n'
                                f'          ln -s {venv} .venv\n', workflow_text)
    assert count == 1
    return replaced


@functools.cache
def yaml_python() -> str | None:
    for exe in (sys.executable, shutil.which("python3")):
        if exe and subprocess.run([exe, "-c", "import yaml"], capture_output=True).returncode == 0:
            return exe
    return None


def linked_kata(venv: Path, script: str, workflow_text: str, out: Path) -> Path:
    """`out`: the workflow whose install step links `venv`, with a `kata` that runs the shell `script`, instead of
    installing the checker again (reuse_install)."""
    (venv / "bin").mkdir(parents=True)
    (venv / "bin/kata").write_text(f"#!/bin/sh\n{script}\n")
    (venv / "bin/kata").chmod(0o755)
    out.write_text(reuse_install(workflow_text, venv), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def graded(exported, tmp_path_factory) -> dict:
    """Every scenario graded by the Classroom actions, all at once: name -> (summary, log)."""
    for tool, why in (("node", "node runs the Classroom actions"), ("git", "the workflow restores files from git")):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: {why}")
    if not HARNESS.is_file():
        pytest.skip(f"the Classroom harness is not at {HARNESS} (set KATA_CLASSROOM_HARNESS)")
    if yaml_python() is None:
        pytest.skip("the Classroom harness needs PyYAML (python3 -c 'import yaml')")
    base = tmp_path_factory.mktemp("classroom")
    first = KATAS[0]
    workflow = exported / classroom.WORKFLOW_PATH

    # One scenario installs for real, with the hardest attack on kata 01: the student's pyproject.toml points
    # `kata` at a module of theirs that always exits 0, and their checker/cli.py does the same.
    pyproject = (exported / "pyproject.toml").read_text()
    hacked = pyproject.replace('kata = "checker.cli:main"', 'kata = "always_pass:main"').replace(
        'packages = ["checker"]', 'packages = ["checker"]\npy-modules = ["always_pass"]')
    assert hacked != pyproject
    always_pass = b"\n\ndef main():\n    raise SystemExit(0)\n"
    attack = {"pyproject.toml": hacked.encode(), "always_pass.py": always_pass,
              "checker/cli.py": (exported / "checker/cli.py").read_bytes() + always_pass}
    installed = make_repo(exported, base / "installed", later={**solutions(first.id), **attack})

    # The others run the same workflow, except that its install step links a ready `kata` (this Python running
    # the restored checker/ of the workspace) instead of installing it again.
    original = workflow.read_text(encoding="utf-8")
    venv = base / "venv"
    reused = linked_kata(venv, f'exec "{sys.executable}" -m checker "$@"', original, base / "classroom.yml")
    suite = f"tests/katas/{first.folder}/{first.suite.name}"
    # A runner too busy to measure: a `kata` that says so, with the busy status.
    busy = linked_kata(base / "busy-venv", f'echo "check 1: busy-machine"\nexit {classroom.BUSY_STATUS}', original,
                       base / "busy.yml")
    # The student's edit of the workflow (`|| true` after each check), committed and run: it awards itself the
    # points; the log names the edit.
    edited_text = original.replace("--lang en 2>&1;", "--lang en 2>&1 || true;")
    assert edited_text.count("|| true;") == len(KATAS)
    edited = base / "edited.yml"
    edited.write_text(reuse_install(edited_text, venv), encoding="utf-8")
    scenarios = {
        "solutions": make_repo(exported, base / "solutions", later=solutions()),
        "stubs": make_repo(exported, base / "stubs"),
        "mistake": make_repo(exported, base / "mistake",
                             later={**solutions(first.id), learner(first): MISTAKE.read_bytes()}),
        "edited-test": make_repo(exported, base / "edited-test", later={
            **solutions(first.id), suite: TRIVIAL_SUITE, f"tests/katas/{first.folder}/conftest.py": b"# mine\n"}),
        # The first commit already holds a trivial suite for kata 01 (and a README the teacher fixed by hand).
        "rewritten-history": make_repo(exported, base / "rewritten-history", later=solutions(first.id),
                                       first={suite: TRIVIAL_SUITE, "README.md": b"# Katas (fixed by hand)\n"}),
    }
    special = {
        "busy": (busy, make_repo(exported, base / "busy", later=solutions())),
        "edited-workflow": (edited, make_repo(exported, base / "edited-workflow",
                                              later={classroom.WORKFLOW_PATH: edited_text.encode()})),
        "added-workflow": (reused, make_repo(exported, base / "added-workflow", later={
            ".github/workflows/mine.yml": b"name: mine\n'on': [push]\njobs: {}\n"})),
    }
    with concurrent.futures.ThreadPoolExecutor(len(scenarios) + len(special) + 2) as pool:
        futures = {"installed": pool.submit(harness, workflow, installed, timeout=600),
                   "install-fails": pool.submit(harness, workflow, make_repo(exported, base / "install-fails",
                                                                             later=solutions()),
                                                timeout=300, broken_python=True)}
        futures.update({name: pool.submit(harness, reused, repo, timeout=300) for name, repo in scenarios.items()})
        futures.update({name: pool.submit(harness, wf, repo, timeout=300) for name, (wf, repo) in special.items()})
        results = {name: future.result() for name, future in futures.items()}
    results["repos"] = scenarios
    return results


def points(summary: dict) -> dict[str, int]:
    return {runner: value["score"] for runner, value in summary["runners"].items()}


def on_the_harness(test):
    """A test of the scenarios graded by the Classroom harness: the harness tier, and the time for the first one
    to run, which grades every scenario."""
    return pytest.mark.harness(pytest.mark.timeout(1800)(test))


FIRST_KATA_LOST = {f"kata-{k.id}": 0 if k is KATAS[0] else k.points for k in KATAS}  # the others' points intact


@on_the_harness
def test_with_the_solutions_every_point(graded):
    summary, log = graded["solutions"]
    assert (summary["points"], summary["max"]) == (MAX, MAX), log[-3000:]
    assert summary["reporter_exit"] == 0


@on_the_harness
def test_with_the_stubs_no_point(graded):
    summary, log = graded["stubs"]
    assert (summary["points"], summary["max"]) == (0, MAX), log[-3000:]
    assert "not-implemented" in log  # the learner's report is in the grader step's log


@on_the_harness
def test_a_mistake_loses_the_points_of_its_kata_only(graded):
    summary, log = graded["mistake"]
    assert points(summary) == FIRST_KATA_LOST, log[-3000:]
    assert "blocking-call" in log


@on_the_harness
def test_an_edited_hidden_test_changes_nothing(graded):
    """Kata 01 is still the stub: zero before the edit of its suite, zero after it."""
    after, log = graded["edited-test"]
    first = KATAS[0]
    assert points(after) == FIRST_KATA_LOST, log[-3000:]
    assert f" M tests/katas/{first.folder}/{first.suite.name}" in log  # the student is told what was put back
    assert f" D tests/katas/{first.folder}/conftest.py" in log


@on_the_harness
def test_the_edit_would_have_passed_without_the_restore(graded):
    """Proof that the scenario above is a real attack: graded in place, the edited suite passes the stub."""
    repo = graded["repos"]["edited-test"]
    env = {k: v for k, v in os.environ.items() if k != "KATA_ROOT"}
    done = subprocess.run([sys.executable, "-m", "checker", "check", KATAS[0].id], cwd=repo, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@on_the_harness
def test_a_rewritten_history_fails_the_kata_as_tampered(graded):
    summary, log = graded["rewritten-history"]
    first = KATAS[0]
    assert points(summary) == FIRST_KATA_LOST, log[-3000:]
    assert f"Kata {first.id} cannot be graded [tampered]: tests/katas/{first.folder}/{first.suite.name}" in log
    assert "[tampered]: README.md" not in log  # a README is not worth a kata


@on_the_harness
def test_the_real_install_ignores_a_hacked_pyproject_and_checker(graded):
    summary, log = graded["installed"]
    assert points(summary) == FIRST_KATA_LOST, log[-3000:]
    assert "kata, version" in log  # the install step proved the checker starts in the graders' environment
    assert " M pyproject.toml" in log and " M checker/cli.py" in log and " D always_pass.py" in log


@on_the_harness
def test_a_failed_install_still_grades_every_kata_zero_and_says_why(graded):
    summary, log = graded["install-fails"]
    assert (summary["points"], summary["max"]) == (0, MAX), log[-3000:]  # the reporter ran: a grade, not none
    assert "::error title=Install failed::Could not create the virtual environment" in log
    assert log.count("This is not your mistake: tell your teacher.") >= 1 + len(KATAS)  # annotation + each grader


@on_the_harness
def test_a_busy_runner_is_said_not_to_be_the_students_mistake(graded):
    summary, log = graded["busy"]
    assert summary["points"] == 0, log[-3000:]  # not graded: no points, and the log says why
    assert len(re.findall(r"^::warning title=busy runner::", log, re.M)) == len(KATAS)  # printed, not quoted
    assert "that is not your mistake" in log and "ce n’est pas votre erreur" in log
    assert "Re-run all jobs" in log


@on_the_harness
def test_an_edited_workflow_is_named_in_the_log(graded):
    """Honest about the limit: the edited workflow awards itself the points (protected paths only flag it, the
    teacher-side grading is the authority); the untouched check in it names the edit."""
    summary, log = graded["edited-workflow"]
    assert summary["points"] == MAX, log[-3000:]
    assert f"::error title=workflow edited::{classroom.WORKFLOW_PATH}" in log
    assert "workflow edited" not in graded["stubs"][1]  # the shipped workflow is not flagged


@on_the_harness
def test_a_workflow_the_student_adds_is_named_in_the_log(graded):
    summary, log = graded["added-workflow"]
    assert summary["points"] == 0, log[-3000:]
    assert "::error title=file added under .github::.github/workflows/mine.yml" in log
    assert "file added under .github" not in graded["stubs"][1]
