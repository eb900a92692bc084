"""Kata 14's answer key: the hidden suite (shipped to every student) holds no answer in plain text, and its
answer_key.json agrees with the teacher's plain-text key (solutions/14_which_tool_quiz/answer_key.py)."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SUITE_DIR = REPO / "tests/katas/14_which_tool_quiz"
SOURCE = REPO / "solutions/14_which_tool_quiz/answer_key.py"
# How a text would name each right answer (a note may still say "the program's process" or "the one thread").
NAMING = {"asyncio": ("asyncio", "coroutine", "async def"),
          "threads": ("a thread", "threads", "to_thread", "un thread", "des threads"),
          "processes": ("a process", "processes", "processpool", "un processus", "des processus")}


@pytest.fixture(scope="session")
def source():
    spec = importlib.util.spec_from_file_location("kata14_answer_key", SOURCE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="session")
def key():
    return json.loads((SUITE_DIR / "answer_key.json").read_text(encoding="utf-8"))


def test_the_key_agrees_with_the_teachers_plain_text(source, key):
    """If this fails, a text changed in answer_key.py: run it to write answer_key.json again."""
    assert sorted(key, key=int) == [str(n) for n in source.QUESTIONS]
    for number, question in source.QUESTIONS.items():
        entry = key[str(number)]
        salt = entry["salt"]
        assert entry["answer"] == source.digest(salt, "answer", question.answer)
        assert (entry["en"], entry["fr"], entry["kind"]) == (question.en, question.fr, question.kind)
        wrong = source.wrong_answers(question)
        assert set(entry["notes"]) == {source.digest(salt, "note", w) for w in wrong}
        for w in wrong:
            sealed = entry["notes"][source.digest(salt, "note", w)]
            assert (source.unseal(salt, w, sealed["en"]), source.unseal(salt, w, sealed["fr"])) == source.note(question, w)
            other = next(x for x in wrong if x != w) if len(wrong) > 1 else question.answer
            try:  # only `w` opens it
                assert source.unseal(salt, other, sealed["en"]) != source.note(question, w)[0]
            except UnicodeDecodeError:
                pass


def test_no_answer_or_explanation_is_readable_in_the_shipped_suite(source):
    shipped = "\n".join(p.read_text(encoding="utf-8") for p in SUITE_DIR.iterdir() if p.is_file())
    for question in source.QUESTIONS.values():
        after_en, after_fr = question.why_en.split(". ", 1)[1], question.why_fr.split(". ", 1)[1]  # past the criterion
        assert after_en[:80] not in shipped and after_fr[:80] not in shipped
        for en, fr in question.notes.values():
            assert en[:60] not in shipped and fr[:60] not in shipped
    assert "So: " not in shipped and "Donc : " not in shipped


def test_what_a_learner_reads_before_the_right_answer_never_names_it(source, key):
    """The criterion (shown on any wrong try) and the note of a wrong tool name neither the right tool nor its
    words; only a true/false question's note, after a wrong try of two, explains all."""
    for number, question in source.QUESTIONS.items():
        if question.kind != "choice":
            continue
        texts = [key[str(number)]["criterion_en"], key[str(number)]["criterion_fr"]]
        texts += [t for w in source.wrong_answers(question) for t in source.note(question, w)]
        for text in texts:
            named = [phrase for phrase in NAMING[question.answer] if phrase in text.lower()]
            assert not named, (number, named, text)
