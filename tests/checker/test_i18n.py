import os

import pytest

from checker.codes import CODES
from checker.commands import learner
from checker.i18n import all_messages, choose_language, pick, t


@pytest.mark.parametrize("explicit, env, expected", [
    ("fr", {"KATA_LANG": "en"}, "fr"),
    (None, {"KATA_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US"}, "fr"),
    (None, {"KATA_LANG": "de", "LANG": "fr_FR"}, "fr"),  # an unknown language falls through
    (None, {"LANG": "C"}, "en"),
    (None, {}, "en"),
    ("EN", {"KATA_LANG": "fr"}, "en"),
])
def test_language_comes_from_option_then_env_then_locale(explicit, env, expected):
    assert choose_language(explicit, env) == expected


def test_every_message_and_code_exists_in_both_languages():
    for key, texts in {**all_messages(), **CODES}.items():
        assert set(texts) == {"en", "fr"}, key


def test_both_languages_of_a_message_take_the_same_parameters():
    """A French text naming a parameter the English lacks would fail when shown; one leaving a parameter out
    would hide what the English says (a file, a count, a duration)."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    differ = [key for key, texts in all_messages().items() if fields(texts["en"]) != fields(texts["fr"])]
    assert differ == []
    assert fields(all_messages()["import-leak-blocks"]["fr"]) == {"what", "origin", "more"}


def test_no_key_is_in_two_parts_of_the_catalog():
    from checker.i18n import MESSAGES
    from checker.texts import classroom, errors, run, teachers, terminal

    parts = [MESSAGES, run.RUN, errors.ERRORS, teachers.TEACHERS, terminal.TERMINAL, classroom.CLASSROOM]
    assert sum(map(len, parts)) == len(all_messages())


def test_a_missing_translation_falls_back_to_english():
    assert pick({"en": "hello"}, "fr") == "hello"


def test_messages_take_their_parameters():
    assert "12" in t("timeout", "fr", limit=12)


LEARNER_COMMANDS = [command.name for command in learner.COMMANDS]  # every one, as `kata --help` lists them


def test_every_learner_command_and_option_has_its_help_in_french():
    from checker.cli import cli
    from checker.clicktext import HELP_FR

    assert "" in HELP_FR and "--lang" in HELP_FR
    for name in LEARNER_COMMANDS:
        command = cli.commands[name]
        assert name in HELP_FR, name
        for param in command.params:
            if getattr(param, "help", None):
                assert f"{name} {param.opts[0]}" in HELP_FR or param.opts[0] in HELP_FR, (name, param.opts)


def test_help_usage_and_errors_speak_french(kata_env):
    import subprocess
    import sys

    def kata(*args, **env):
        return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                              timeout=60, env={**os.environ, **env})

    unknown = kata("--lang", "fr", "check", "99")
    assert unknown.returncode == 2 and "Kata inconnu « 99 »" in unknown.stderr
    locked = kata("solution", "05", KATA_LANG="fr")
    assert locked.returncode == 2 and "Réussissez d'abord le kata 05" in locked.stderr
    usage = kata("check", "--bogus", KATA_LANG="fr")
    assert usage.returncode == 2 and "Utilisation : kata check" in usage.stderr and "Erreur" in usage.stderr
    helped = kata("--lang", "fr", "check", "--help")
    assert "Note ce fichier au lieu de celui du kata" in helped.stdout and "Options" in helped.stdout
    assert "Tous les katas" in kata("list", "--help", KATA_LANG="fr").stdout
    assert "titre" in kata("--lang", "fr", "list").stdout  # the group's --lang reaches the command


def test_numbers_follow_the_language():
    from checker.i18n import number

    assert number(0.8, "en") == "0.8" and number(0.8, "fr") == "0,8" and number(15, "fr", 2) == "15,00"


def test_the_readme_lists_every_learner_command():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    guide = readme.split("## Learner guide", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in guide.splitlines() if line.startswith("| `kata"))
    assert {"solution", "check"} <= set(LEARNER_COMMANDS)
    for name in LEARNER_COMMANDS:
        assert f"`kata {name}" in table, name
    options = {p.opts[0] for c in learner.COMMANDS for p in c.params if p.opts[0].startswith("--")} - {"--lang"}
    assert "--timeline" in options and "`--lang en|fr`" in guide  # every command's: the guide tells it once
    for option in options:
        assert option in table, option


def test_a_float_parameter_is_written_as_the_language_writes_it():
    assert "2.5 s" in t("check-timeout", "en", limit=2.5, where="")
    assert "2,5 s" in t("check-timeout", "fr", limit=2.5, where="")
    assert "0,25 s" in t("blocking-slow", "fr", seconds=0.25, location="x.py:3")
    assert "kata 7" in t("no-hints", "fr", kata=7).lower()  # an int stays as it is


def test_the_child_loads_only_the_verdicts_part_of_the_catalog():
    import json
    import subprocess
    import sys
    from pathlib import Path

    loaded = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, sys, checker.child.__main__, checker.child.plugin; "
                               "print(json.dumps(sorted(sys.modules)))"],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, check=True).stdout)
    assert "checker.i18n" in loaded and not any(name.startswith("checker.texts") for name in loaded)


def test_the_catalog_modules_stay_small():
    from pathlib import Path

    import checker.i18n
    import checker.texts
    import checker.verdict_texts

    root = Path(checker.texts.__file__).parent
    for path in [Path(checker.i18n.__file__), Path(checker.verdict_texts.__file__), *root.glob("*.py")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def _calls():
    """Every call in the checker's code, with its file."""
    import ast
    from pathlib import Path

    import checker

    for path in sorted(Path(checker.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield path.name, node


def test_every_message_key_the_checker_names_is_in_the_catalog():
    import ast

    known = all_messages()
    named = set()
    for name, call in _calls():
        function = getattr(call.func, "id", getattr(call.func, "attr", ""))
        if function == "t" and call.args and isinstance(call.args[0], ast.Constant):
            named.add((name, call.args[0].value))
        named |= {(name, k.value.value) for k in call.keywords
                  if k.arg == "key" and isinstance(k.value, ast.Constant) and k.value.value}
    assert len(named) > 80
    assert [(name, key) for name, key in named if key not in known] == []


def _bilingual_literals(source: str) -> list[int]:
    """The lines of `source` that write a text in English and French themselves, instead of naming a message
    of the catalog: a dict keyed by language holding literal text, or any dict keyed by language that is
    given to pick() (texts put together beside the catalog, e.g. `pick({"en": en, "fr": fr}, lang)`)."""
    import ast

    def literal(node: ast.AST) -> bool:
        return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)) \
            or (isinstance(node, ast.BinOp) and (literal(node.left) or literal(node.right)))

    def by_language(node: ast.AST) -> bool:
        keys = {k.value for k in getattr(node, "keys", []) if isinstance(k, ast.Constant)}
        return isinstance(node, ast.Dict) and bool(keys) and keys <= {"en", "fr"}

    found = []
    for node in ast.walk(ast.parse(source)):
        if by_language(node) and any(literal(v) for v in node.values):
            found.append(node.lineno)
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "pick":
            found += [arg.lineno for arg in node.args if by_language(arg)]
    return sorted(set(found))


@pytest.mark.parametrize("source, lines", [
    ('TEXTS = {"busy": {"en": "The runner was busy", "fr": "La machine était occupée"}}', [1]),
    ('message = pick({"en": en, "fr": fr}, lang)', [1]),
    ('hello = {"en": f"Hello {name}"}', [1]),
    ('message = t("import-leak-daemon", lang, what=what)', []),
    ('self.texts = {"en": en, "fr": french_numbers(fr)}', []),  # a suite's own failure keeps its two texts
    ('title = pick(kata.title, lang)', []),  # a kata.toml's title: data, not the checker's text
])
def test_the_guard_finds_texts_written_in_two_languages_beside_the_catalog(source, lines):
    assert _bilingual_literals(source) == lines


def test_no_text_in_two_languages_is_written_outside_the_catalog():
    """Every English/French text of the checker is a message of the catalog (checker/verdict_texts.py, checker/texts/,
    and the codes' table checker/codes.py), so that the test above that every message has both languages
    covers it."""
    from pathlib import Path

    import checker

    root = Path(checker.__file__).parent
    catalog = {root / "i18n.py", root / "verdict_texts.py", root / "codes.py", *(root / "texts").glob("*.py")}
    found = [(str(path.relative_to(root)), line) for path in sorted(root.rglob("*.py")) if path not in catalog
             for line in _bilingual_literals(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("lang, words", [
    ("en", ["Loading your file started a process that", "P1 (pid 42", "(1 more like it)", "would never end"]),
    ("fr", ["Le chargement de votre fichier a lancé un processus qui", "P1 (pid 42", "(1 autre(s) de même)",
            "ne se terminerait jamais"]),
])
def test_what_loading_the_file_left_running_is_told_from_the_catalog(lang, words):
    from types import SimpleNamespace

    from checker.child.leaks import ImportWatch

    watch = ImportWatch()
    daemon = SimpleNamespace(name="T1", daemon=True, _target=None)
    blocking = SimpleNamespace(name="P1", pid=42, daemon=False, _target=None)
    watch.still_running = lambda: ([daemon], [blocking])
    code, message, blocks = watch.verdict(lang)
    assert (code, blocks) == ("leaked-process", True)
    for word in words:
        assert word in message, word


def test_every_user_error_speaks_both_languages():
    """A KataError is made from a message of the catalog (key=...), never from English text alone."""
    import ast

    import checker.errors as errors
    from checker.errors import KataError

    kinds = {"KataError", "ExportError", "LockError", "ScaffoldError",
             *(c.__name__ for c in vars(errors).values() if isinstance(c, type) and issubclass(c, KataError))}
    english_only = [(name, call.lineno) for name, call in _calls()
                    if getattr(call.func, "id", getattr(call.func, "attr", "")) in kinds and call.args]
    assert english_only == []


@pytest.mark.parametrize("lang, words", [
    ("en", ["student", "2 students × 1 katas: passed 1, failed 1", "Per kata", "pass rate", "50%", "5.0/10",
            "Checks that fail most:", "(1 students)"]),
    ("fr", ["élève", "2 élèves × 1 katas : réussis 1, échoués 1", "Par kata", "taux de réussite", "50 %",
            "5,0/10", "Vérifications qui échouent le plus :", "(1 élèves)"]),
])
def test_the_class_tables_speak_the_language_of_the_grade(lang, words):
    import io

    from rich.console import Console

    from checker.classgrade import terminal

    failed = {"checks": [{"name": "x", "status": "failed", "code": "lost-updates", "passed": False}]}
    doc = {"lang": lang, "katas": [{"id": "03", "title": "Race", "points": 10}], "students": [
        {"name": "ada", "katas": {"03": {"status": "passed", "points": 10, "report": {"checks": []}}}},
        {"name": "bob", "katas": {"03": {"status": "failed", "points": 0, "report": failed}}}]}
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    terminal.class_table(console, doc)
    terminal.class_stats(console, doc)
    for word in words:
        assert word in buffer.getvalue(), word


@pytest.mark.parametrize("lang, words", [
    ("en", ['<html lang="en">', "<h1>Class report</h1>", "2 students, 1 katas", "50% of graded pass (1/2)",
            "<th>student</th>", "Folder ada, git clone at abc1.", "failed, 0/10"]),
    ("fr", ['<html lang="fr">', "<h1>Rapport de la classe</h1>", "2 élèves, 1 katas",
            "50 % des copies notées réussissent (1/2)", "<th>élève</th>", "Dossier ada, clone git à abc1.",
            "échoué, 0/10"]),
])
def test_the_class_page_speaks_the_language_of_the_grade(lang, words):
    from checker.classgrade.page import page

    failed = {"checks": [{"name": "x", "status": "failed", "code": "lost-updates", "passed": False}]}
    cell = {"max_points": 10, "checker_version": "1", "suite_version": "s", "graded_at": "today"}
    doc = {"lang": lang, "checker_version": "1", "katas": [{"id": "03", "title": "Race", "points": 10}], "students": [
        {"name": "ada", "folder": "ada", "commit": "abc1", "source": "git",
         "katas": {"03": cell | {"status": "passed", "points": 10, "report": {"checks": []}}}},
        {"name": "bob", "folder": "bob", "source": "files",
         "katas": {"03": cell | {"status": "failed", "points": 0, "report": failed}}}]}
    text = page(doc)
    for word in words:
        assert word in text, word


@pytest.mark.parametrize("text, french", [
    ("a pris 15.0 s ; attendu 5.0 s (1.7 s)", "a pris 15,0 s ; attendu 5,0 s (1,7 s)"),
    ("task 1 0.0→1.0 s, task 2 1.0→3.0 s", "task 1 0,0→1,0 s, task 2 1,0→3,0 s"),
    ("×1.85 plus rapide, 50.5 %, 2.0 secondes", "×1,85 plus rapide, 50,5 %, 2,0 secondes"),
    ("`await asyncio.sleep(0.5)` ou run_all([1.0, 2.0]) en [0.5, 1.5 s]",
     "`await asyncio.sleep(0.5)` ou run_all([1.0, 2.0]) en [0.5, 1.5 s]"),  # Python's own values
    ("mine.py:12 (time.sleep(0.25)), version 1.2.3 s", "mine.py:12 (time.sleep(0.25)), version 1.2.3 s"),
])
def test_a_suites_french_message_writes_its_quantities_the_french_way(text, french):
    from checker.child.testkit import KataFailure
    from checker.i18n import french_numbers

    assert french_numbers(text) == french
    assert KataFailure("wrong-timing", en=text, fr=text).texts == {"en": text, "fr": french}


def test_why_a_check_runs_unconfined_is_told_in_the_learners_language():
    from checker.confine import Confinement

    off = Confinement(None, 0, "landlock-unavailable", {"system": "Darwin 23.1"})
    assert off.describe() == {"landlock": False, "abi": 0, "why": "Landlock is not available on Darwin 23.1"}
    assert off.why("fr") == "Landlock n'est pas disponible sous Darwin 23.1"
    note = t("not-confined", "fr", why=off.why("fr"))
    assert note.startswith("Note : votre code a tourné sans confinement (Landlock n'est pas disponible")


def test_every_command_subcommand_and_option_has_its_help_in_french():
    import click

    from checker.cli import cli
    from checker.clicktext import HELP_FR

    missing = []

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in group.commands.items():
            full = f"{prefix}{name}"
            missing.extend([] if full in HELP_FR else [full])
            missing.extend(f"{full} {p.opts[0]}" for p in command.params if isinstance(p, click.Option) and p.help
                           and f"{full} {p.opts[0]}" not in HELP_FR and p.opts[0] not in HELP_FR)
            if isinstance(command, click.Group):
                walk(command, full + " ")

    walk(cli, "")
    assert missing == []


def test_a_subcommands_help_speaks_french(kata_env):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "checker", "--lang", "fr", "class", "grade", "--help"],
                         capture_output=True, text=True, timeout=60).stdout
    assert "Note chaque dossier d'élève" in out and "[obligatoire]" in out
