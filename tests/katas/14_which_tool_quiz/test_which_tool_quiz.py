"""Hidden suite of kata 14 — which tool? A quiz.

One check per question. An answer is read from the learner's module (Q1 … Q12) and normalised with a
fixed, tolerant vocabulary: case, spaces and usual spellings ("process", "multiprocessing",
"Threading", "async"…) are accepted; anything ambiguous is refused with the list of allowed answers.
A question still at None is "not answered" (not-implemented); a wrong answer fails with wrong-answer and
an explanation: the criterion that decides, then why the given answer does not meet it.

This file is in every student repository, so it holds no answer: answer_key.json (next to it) keeps each
right answer only as a salted SHA-256, and each wrong answer's explanation encrypted with a key derived from
that wrong answer, readable only by giving it. A choice question's explanation never names the right tool;
a true/false one, after a wrong try, is the whole explanation. The plain-text key is the teacher's
(solutions/14_which_tool_quiz/answer_key.py, which writes answer_key.json).
"""

from __future__ import annotations

import base64
import hashlib
import json
import types
from pathlib import Path

import pytest

from checker.child.kit_ledger import read_only
from checker.child.testkit import fail, show

CHOICES = read_only({
    "asyncio": ("asyncio", "async", "async/await", "coroutine", "coroutines", "asynchronous", "asynchrone"),
    "threads": ("threads", "thread", "threading", "multithreading", "multi-threading", "multithread"),
    "processes": ("processes", "process", "processus", "multiprocessing", "multi-processing", "multiprocess"),
})
MODULES = read_only({"asyncio": "asyncio", "threading": "threads", "multiprocessing": "processes"})
TRUE_WORDS = ("true", "vrai", "yes", "oui")
FALSE_WORDS = ("false", "faux", "no", "non")
# read-only all the way down (checker/child/kit_ledger.py): learner code reaches this module through sys.modules
KEY = read_only({int(n): q for n, q in
                 json.loads(Path(__file__).with_name("answer_key.json").read_text("utf-8")).items()})
NAMES = [f"Q{number}" for number in sorted(KEY)]


def _digest(salt: str, purpose: str, answer: object) -> str:
    return hashlib.sha256(f"{salt}|{purpose}|{answer}".encode()).hexdigest()


def _unseal(salt: str, answer: object, sealed: str) -> str:
    data = base64.b64decode(sealed)
    key = _digest(salt, "key", answer).encode()
    stream = b"".join(hashlib.sha256(key + i.to_bytes(4, "big")).digest() for i in range(len(data) // 32 + 1))
    return bytes(a ^ b for a, b in zip(data, stream)).decode()


def _words(value: str) -> str:
    return " ".join(value.split()).strip(" .!\"'").lower()


def normalise(question: dict, value: object):
    """The canonical answer ("asyncio", "threads", "processes", True, False), or None if not understood."""
    if question["kind"] == "bool":
        if type(value) is bool:
            return value
        if type(value) is str:
            word = _words(value)
            return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
        return None
    if isinstance(value, types.ModuleType):
        return MODULES.get(value.__name__)
    if type(value) is str:
        word = _words(value)
        return next((choice for choice, spellings in CHOICES.items() if word in spellings), None)
    return None


def _lower_first(text: str) -> str:
    """"Threads take…" -> "threads take…" after a colon; "GIL…" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _vocabulary(question: dict) -> tuple[str, str]:
    if question["kind"] == "bool":
        return ("True or False (Python's values, without quotes; the strings \"true\"/\"false\", "
                "\"vrai\"/\"faux\" are accepted too)",
                "True ou False (les valeurs de Python, sans guillemets ; les chaînes \"true\"/\"false\", "
                "\"vrai\"/\"faux\" sont acceptées aussi)")
    listed = "; ".join(f"\"{choice}\" (or {', '.join(repr(s) for s in spellings[1:4])})"
                       for choice, spellings in CHOICES.items())
    listed_fr = "; ".join(f"\"{choice}\" (ou {', '.join(repr(s) for s in spellings[1:4])})"
                          for choice, spellings in CHOICES.items())
    return (f"one of {listed}, upper or lower case", f"l'une de {listed_fr}, en majuscules ou minuscules")


@pytest.mark.parametrize("name", NAMES)
def test_answer(learner, name):
    """the answer to the question
    fr: la réponse à la question"""
    number = int(name[1:])
    question = KEY[number]
    allowed_en, allowed_fr = _vocabulary(question)
    missing = object()
    value = getattr(learner, name, missing)
    if value is missing or value is None:
        state_en = "is still None" if value is None else "is not in your file"
        state_fr = "vaut encore None" if value is None else "n'est pas dans votre fichier"
        fail("not-implemented",
             en=f"Question {number} ({question['en']}) is not answered yet: {name} {state_en}. Expected: "
                f"{name} = {allowed_en}.",
             fr=f"La question {number} ({question['fr']}) n'a pas encore de réponse : {name} {state_fr}. "
                f"Attendu : {name} = {allowed_fr}.")
    given = normalise(question, value)
    if given is None:
        fail("wrong-answer",
             en=f"Question {number} ({question['en']}): {name} = {show(value)} is not one of the allowed answers, "
                f"so it cannot be marked. Write {allowed_en}.",
             fr=f"Question {number} ({question['fr']}) : {name} = {show(value)} ne fait pas partie des réponses "
                f"permises : cette réponse ne peut donc pas être corrigée. Écrivez {allowed_fr}.")
    salt = question["salt"]
    if _digest(salt, "answer", given) == question["answer"]:
        return
    sealed = question["notes"].get(_digest(salt, "note", given))
    note_en, note_fr = ((_unseal(salt, given, sealed["en"]), _unseal(salt, given, sealed["fr"])) if sealed
                        else ("", ""))
    shown_answer = show(value) if type(value) is not bool else str(value)
    if question["kind"] == "bool":  # the note is the whole explanation
        why_en, why_fr = note_en, note_fr
    else:
        why_en = question["criterion_en"] + (f" Why not {given}: {_lower_first(note_en)}" if note_en else "")
        why_fr = question["criterion_fr"] + (f" Pourquoi pas {given} : {_lower_first(note_fr)}" if note_fr else "")
    fail("wrong-answer",
         en=f"Question {number} ({question['en']}) — your answer: {shown_answer}. {why_en}",
         fr=f"Question {number} ({question['fr']}) — votre réponse : {shown_answer}. {why_fr}")
