"""Kata 14's answer key, in plain text: teachers only (solutions/ is never shipped to students).

The hidden suite (tests/katas/14_which_tool_quiz/) must not hold the answers in plain text: every student
repository holds it. It reads answer_key.json instead, written from this file by

    .venv/bin/python solutions/14_which_tool_quiz/answer_key.py

For each question: a salt; the salted SHA-256 of the right answer; the criterion that decides, in plain text,
worded so that it does not name the answer (choice questions only); and, for each wrong answer, a note
encrypted with a key derived from the salt and that wrong answer: it can be read only by giving that
answer. A choice question's note says why the chosen tool does not fit, without naming the right one; a
true/false question's note is the whole explanation (after one wrong try of two there is nothing left to
hide). What this does not prevent: a student can hash each of the three possible answers with the salt (as
they can try each answer with `kata check 14`); it stops reading the answers off the file.
After editing a text here, write the key again; tests/checker/test_quiz_key.py checks that both agree.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

KEY_FILE = Path(__file__).resolve().parents[2] / "tests/katas/14_which_tool_quiz/answer_key.json"


@dataclass(frozen=True)
class Question:
    kind: str  # "choice" | "bool"
    answer: object
    en: str  # the question, short
    fr: str
    why_en: str  # the criterion, then the right answer at the end
    why_fr: str
    notes: dict = field(default_factory=dict)  # given answer -> (en, fr): why that one does not fit




QUESTIONS = {
    1: Question(
        "choice", "asyncio",
        "a chat server with 10,000 open websocket connections, each idle almost all the time",
        "un serveur de discussion avec 10 000 connexions websocket ouvertes, chacune presque toujours inactive",
        "What decides here is the number of waits at once: 10,000 connections that do nothing but wait. "
        "Each wait handled by a coroutine costs a small object (a few KB) in one thread, and the event loop "
        "wakes exactly the coroutine whose message arrived (course: « Très performant pour un grand nombre "
        "d'opérations I/O simultanées », « Faible empreinte mémoire »).",
        "Ce qui décide ici, c'est le nombre d'attentes simultanées : 10 000 connexions qui ne font qu'attendre. "
        "Chaque attente confiée à une coroutine coûte un petit objet (quelques Ko) dans un seul thread, et la "
        "boucle d'événements réveille exactement la coroutine dont le message est arrivé (cours : « Très "
        "performant pour un grand nombre d'opérations I/O simultanées », « Faible empreinte mémoire »).",
        {"threads": ("Threads do work for waiting, but one thread per connection means 10,000 threads, each "
                     "with its own stack and scheduled by the operating system: fine for dozens or hundreds, "
                     "heavy for 10,000.",
                     "Les threads conviennent pour attendre, mais un thread par connexion, c'est 10 000 threads, "
                     "chacun avec sa pile et ordonnancé par le système : bien pour des dizaines ou des "
                     "centaines, lourd pour 10 000."),
         "processes": ("Processes are for computing in parallel; here nobody computes. 10,000 processes, each "
                       "with its own interpreter and memory, would cost gigabytes to wait.",
                       "Les processus servent à calculer en parallèle ; ici personne ne calcule. 10 000 "
                       "processus, chacun avec son interpréteur et sa mémoire, coûteraient des gigaoctets "
                       "pour attendre.")}),
    2: Question(
        "choice", "processes",
        "resize 800 photos with a pure-Python function on 8 cores",
        "redimensionner 800 photos avec une fonction en Python pur sur 8 cœurs",
        "What decides here is that the work is computation in Python bytecode (CPU-bound), and that 8 cores "
        "are there to share it. In CPython, the GIL lets only one thread of a process run Python bytecode at "
        "a time; only separate processes, each with its own interpreter and its own GIL, compute at the same "
        "time (course: « Parfait pour les calculs car chaque processus a son propre GIL », « Traitement "
        "d'images »).",
        "Ce qui décide ici, c'est que le travail est du calcul en bytecode Python (limité par le CPU), et que 8 "
        "cœurs sont là pour se le partager. Dans CPython, le GIL ne laisse qu'un thread d'un processus à la "
        "fois exécuter du bytecode Python ; seuls des processus séparés, chacun avec son interpréteur et son "
        "GIL, calculent en même temps (cours : « Parfait pour les calculs car chaque processus a son propre "
        "GIL », « Traitement d'images »).",
        {"threads": ("Threads take turns holding the GIL to run Python code: 8 threads resizing photos in pure "
                     "Python use one core at a time, no faster than one loop (kata 04 measured it).",
                     "Les threads se relaient pour tenir le GIL et exécuter du code Python : 8 threads qui "
                     "redimensionnent en Python pur utilisent un cœur à la fois, pas plus vite qu'une seule "
                     "boucle (le kata 04 l'a mesuré)."),
         "asyncio": ("asyncio runs everything in one thread and switches only at `await`: a resize loop never "
                     "awaits, so the photos are done one after the other, on one core.",
                     "asyncio exécute tout dans un seul thread et ne change de tâche qu'à un `await` : une "
                     "boucle de redimensionnement n'attend jamais, les photos sont donc traitées l'une après "
                     "l'autre, sur un seul cœur.")}),
    3: Question(
        "choice", "threads",
        "a tkinter application stays responsive while a blocking library downloads a file",
        "une application tkinter reste réactive pendant qu'une bibliothèque bloquante télécharge un fichier",
        "What decides here is that the library only blocks (it cannot be awaited) and that the program is a "
        "GUI with its own main loop. A thread can make the blocking call while the GUI thread keeps drawing: "
        "while it waits for the network, the thread releases the GIL, and it shares the application's memory "
        "to report its progress (course: « Threads : opérations I/O bloquantes, applications interactives "
        "(GUI) »).",
        "Ce qui décide ici, c'est que la bibliothèque ne fait que bloquer (on ne peut pas l'attendre avec "
        "await) et que le programme est une interface graphique avec sa propre boucle. Un thread peut faire "
        "l'appel bloquant pendant que le thread de l'interface continue de dessiner : pendant qu'il attend le "
        "réseau, le thread relâche le GIL, et il partage la mémoire de l'application pour signaler sa "
        "progression (cours : « Threads : opérations I/O bloquantes, applications interactives (GUI) »).",
        {"asyncio": ("asyncio needs calls that can be awaited; a blocking call inside a coroutine freezes the "
                     "event loop, and tkinter's main loop is not an asyncio loop anyway.",
                     "asyncio a besoin d'appels que l'on peut attendre avec await ; un appel bloquant dans une "
                     "coroutine fige la boucle d'événements, et la boucle de tkinter n'est de toute façon pas "
                     "une boucle asyncio."),
         "processes": ("A process would work, but it is far heavier than needed for waiting, and its progress "
                       "and result would have to be sent back through a queue instead of being shared "
                       "with the application.",
                       "Un processus marcherait, mais il est bien plus lourd que nécessaire pour attendre, et "
                       "sa progression comme son résultat devraient revenir par une file au lieu d'être "
                       "partagés avec l'application.")}),
    4: Question(
        "choice", "threads",
        "an asyncio program calls a blocking database function without freezing its coroutines",
        "un programme asyncio appelle une fonction bloquante de base de données sans figer ses coroutines",
        "What decides here is where the blocking call runs: anywhere the event loop does not run. "
        "`await asyncio.to_thread(func, ...)` (or loop.run_in_executor with its default thread pool) runs it in "
        "a worker thread and gives the coroutine an awaitable; the loop keeps serving the others while the "
        "thread waits with the GIL released (course: « Mélange des deux : Mixte : async + threads »).",
        "Ce qui décide ici, c'est où l'appel bloquant s'exécute : partout sauf là où tourne la boucle "
        "d'événements. `await asyncio.to_thread(func, ...)` (ou loop.run_in_executor avec son pool de threads "
        "par défaut) l'exécute dans un thread de travail et donne à la coroutine quelque chose à attendre ; la "
        "boucle continue de servir les autres pendant que le thread attend, GIL relâché (cours : « Mélange des "
        "deux : Mixte : async + threads »).",
        {"asyncio": ("Wrapping the call in `async def` changes nothing: the call still blocks the one thread "
                     "that runs every coroutine. asyncio itself hands such calls to something else.",
                     "Mettre l'appel dans une `async def` ne change rien : il bloque toujours l'unique thread "
                     "qui exécute toutes les coroutines. asyncio lui-même confie ce genre d'appel à autre "
                     "chose."),
         "processes": ("A process could run it, but its arguments and result must be pickled (a database "
                       "connection cannot be), and starting processes for a one-second wait costs far more "
                       "than the job needs.",
                       "Un processus pourrait l'exécuter, mais ses arguments et son résultat doivent être "
                       "sérialisés (une connexion à une base ne peut pas l'être), et lancer des processus pour "
                       "une attente d'une seconde coûte bien plus que nécessaire.")}),
    5: Question(
        "choice", "processes",
        "the same asyncio program runs a 10-second pure-Python computation on another core",
        "ce même programme asyncio lance un calcul de 10 secondes en Python pur sur un autre cœur",
        "What decides here is that the work computes in Python bytecode and must use another core. A "
        "computation on another core needs another interpreter with its own GIL: `await "
        "loop.run_in_executor(ProcessPoolExecutor(), func, ...)` runs it in a process, and the coroutine waits "
        "for it without blocking the loop.",
        "Ce qui décide ici, c'est que le travail calcule en bytecode Python et doit utiliser un autre cœur. Un "
        "calcul sur un autre cœur a besoin d'un autre interpréteur, avec son propre GIL : `await "
        "loop.run_in_executor(ProcessPoolExecutor(), func, ...)` l'exécute dans un processus, et la coroutine "
        "l'attend sans bloquer la boucle.",
        {"threads": ("A thread keeps the loop alive, but a pure-Python computation holds the GIL most of the "
                     "time: it runs on the same core as the loop, taking turns with it, and slows every "
                     "request down.",
                     "Un thread laisse vivre la boucle, mais un calcul en Python pur tient le GIL la plupart du "
                     "temps : il tourne sur le même cœur que la boucle, en alternance avec elle, et ralentit "
                     "chaque requête."),
         "asyncio": ("A coroutine that computes for 10 s never reaches an `await`: the event loop is frozen "
                     "for 10 s and no request is served (course: « Inadapté au calcul intensif »).",
                     "Une coroutine qui calcule pendant 10 s n'atteint jamais d'`await` : la boucle "
                     "d'événements est figée 10 s et aucune requête n'est servie (cours : « Inadapté au calcul "
                     "intensif »).")}),
    6: Question(
        "choice", "asyncio",
        "task switches only at visible points you chose, never between two ordinary lines",
        "les changements de tâche seulement à des endroits choisis et visibles, jamais entre deux lignes",
        "What decides here is who chooses when a task can be interrupted. With coroutines, a task gives the "
        "hand back only at an `await` written in the code: between two awaits, nothing else runs (course: "
        "« Prévisibles : les changements de contexte sont explicites (grâce à await) », « Concurrence : basée "
        "sur la coopération »).",
        "Ce qui décide ici, c'est qui choisit quand une tâche peut être interrompue. Avec des coroutines, une "
        "tâche ne rend la main qu'à un `await` écrit dans le code : entre deux await, rien d'autre ne s'exécute "
        "(cours : « Prévisibles : les changements de contexte sont explicites (grâce à await) », « Concurrence "
        ": basée sur la coopération »).",
        {"threads": ("Threads are preemptive: the interpreter may switch to another thread between any two "
                     "bytecode instructions (every 5 ms by default), so inside a line as well as between "
                     "lines; you do not choose the points.",
                     "Les threads sont préemptifs : l'interpréteur peut passer à un autre thread entre deux "
                     "instructions de bytecode quelconques (toutes les 5 ms par défaut), donc au milieu d'une "
                     "ligne comme entre deux lignes ; vous ne choisissez pas les points."),
         "processes": ("Processes are scheduled by the operating system, which interrupts them whenever it "
                       "likes; and they run at the same time, so there are no switch points at all to choose.",
                       "Les processus sont ordonnancés par le système, qui les interrompt quand il veut ; et "
                       "ils tournent en même temps, il n'y a donc aucun point de changement à choisir.")}),
    7: Question(
        "choice", "processes",
        "a crash (segmentation fault) in a worker must not bring the main program down",
        "un plantage (erreur de segmentation) d'un travailleur ne doit pas faire tomber le programme principal",
        "What decides here is isolation: a segmentation fault kills the whole operating-system process it "
        "happens in, with everything inside it. A worker that is its own process, with its own memory, dies "
        "alone; the main program sees its exitcode and starts a new one (course: « Plusieurs processus "
        "indépendants avec chacun sa propre mémoire »).",
        "Ce qui décide ici, c'est l'isolation : une erreur de segmentation tue tout le processus système où "
        "elle se produit, avec tout ce qu'il contient. Un travailleur qui est un processus à part, avec sa "
        "propre mémoire, meurt seul ; le programme principal voit son exitcode et en relance un (cours : "
        "« Plusieurs processus indépendants avec chacun sa propre mémoire »).",
        {"threads": ("Threads live inside the main program's process: a segmentation fault in one of them "
                     "kills the process, every thread and the main program with it.",
                     "Les threads vivent dans le processus du programme principal : une erreur de segmentation "
                     "dans l'un d'eux tue le processus, tous les threads et le programme principal avec."),
         "asyncio": ("Coroutines all run in the main program's one thread: the crash would kill the program "
                     "itself.",
                     "Les coroutines tournent toutes dans l'unique thread du programme principal : le plantage "
                     "tuerait le programme lui-même.")}),
    8: Question(
        "bool", False,
        "4 threads make a pure-Python CPU computation about 4 times faster on CPython",
        "4 threads rendent un calcul CPU en Python pur environ 4 fois plus rapide sous CPython",
        "What decides here is the GIL: in a CPython process, one thread at a time runs Python bytecode. Four "
        "threads that compute in pure Python take turns on the GIL, so they use one core at a time and take "
        "about as long as one loop (course: « Le GIL empêche l'exécution parallèle de code Python », "
        "`cpu_example.py`). Beware: coroutines.md lists « threading ou multiprocessing » for heavy computation "
        "and « parallélisme réel » among the advantages of threads; that holds only for code that releases the "
        "GIL (NumPy, C extensions) or for the free-threaded build (python3.13t).",
        "Ce qui décide ici, c'est le GIL : dans un processus CPython, un seul thread à la fois exécute du "
        "bytecode Python. Quatre threads qui calculent en Python pur se relaient sur le GIL : ils utilisent un "
        "cœur à la fois et prennent à peu près le temps d'une seule boucle (cours : « Le GIL empêche "
        "l'exécution parallèle de code Python », `cpu_example.py`). Attention : coroutines.md cite « threading "
        "ou multiprocessing » pour le calcul lourd et le « parallélisme réel » parmi les avantages des threads ; "
        "ce n'est vrai que pour du code qui relâche le GIL (NumPy, extensions C) ou pour la version sans GIL "
        "(python3.13t)."),
    9: Question(
        "bool", True,
        "while a thread waits in time.sleep() or a blocking socket read, other threads run Python code",
        "pendant qu'un thread attend dans time.sleep() ou une lecture bloquante, les autres exécutent du Python",
        "What decides here is what a waiting thread does with the GIL: time.sleep(), reading a socket or a "
        "file, and other blocking calls release the GIL while they wait, and take it back afterwards. "
        "Meanwhile other threads run Python code. That is exactly why threads help with I/O-bound work and "
        "not with computation (course: « Parfait pour les tâches I/O car le GIL est libéré pendant les "
        "attentes »).",
        "Ce qui décide ici, c'est ce qu'un thread qui attend fait du GIL : time.sleep(), la lecture d'une "
        "socket ou d'un fichier et les autres appels bloquants relâchent le GIL pendant l'attente, puis le "
        "reprennent. Pendant ce temps, les autres threads exécutent du code Python. C'est justement pour cela "
        "que les threads aident pour les entrées/sorties et pas pour le calcul (cours : « Parfait pour les "
        "tâches I/O car le GIL est libéré pendant les attentes »)."),
    10: Question(
        "bool", False,
        "asyncio code never needs a lock since everything runs in one thread",
        "du code asyncio n'a jamais besoin de verrou puisque tout tourne dans un seul thread",
        "What decides here is where a coroutine can be interrupted: at every `await`. Between two awaits no "
        "other coroutine runs, but a coroutine that reads a shared value, awaits (a request, a sleep), then "
        "writes back a value computed from what it read can erase the change another coroutine made in "
        "between: the same lost update as with threads (kata 03). asyncio.Lock exists for that. The course's "
        "« Un seul thread (pas de problèmes de synchronisation) » is true only for code without an await in "
        "the middle.",
        "Ce qui décide ici, c'est où une coroutine peut être interrompue : à chaque `await`. Entre deux await, "
        "aucune autre coroutine ne s'exécute, mais une coroutine qui lit une valeur partagée, attend (une "
        "requête, un sleep), puis réécrit une valeur calculée d'après sa lecture peut effacer la modification "
        "faite entre-temps par une autre : la même mise à jour perdue qu'avec des threads (kata 03). "
        "asyncio.Lock existe pour cela. Le « Un seul thread (pas de problèmes de synchronisation) » du cours "
        "n'est vrai que pour du code sans await au milieu."),
    11: Question(
        "bool", False,
        "calling `fetch()` without await runs the body of `async def fetch()`",
        "appeler `fetch()` sans await exécute le corps de `async def fetch()`",
        "What decides here is what calling a coroutine function returns: a coroutine object, without running "
        "a single line of the body. The body runs only when the coroutine is awaited, or handed to the event "
        "loop (asyncio.run, create_task, gather); otherwise Python warns « coroutine 'fetch' was never "
        "awaited » (kata 01).",
        "Ce qui décide ici, c'est ce que renvoie l'appel d'une fonction coroutine : un objet coroutine, sans "
        "exécuter une seule ligne du corps. Le corps ne s'exécute que quand la coroutine est attendue (await) "
        "ou confiée à la boucle (asyncio.run, create_task, gather) ; sinon Python prévient « coroutine 'fetch' "
        "was never awaited » (kata 01)."),
    12: Question(
        "bool", False,
        "a child process appends to a global list and the parent sees the new item",
        "un processus enfant ajoute à une liste globale et le parent voit le nouvel élément",
        "What decides here is memory: each process has its own. A child started with fork gets a copy of the "
        "parent's memory, a child started with spawn rebuilds its own by importing the module; either way the "
        "child appends to its own list, and the parent's list does not change. To give something back, the "
        "child must send it: a multiprocessing.Queue, a Pipe, a Manager (course: « Chaque processus a sa "
        "propre mémoire », « Communication entre processus plus complexe »; kata 13).",
        "Ce qui décide ici, c'est la mémoire : chaque processus a la sienne. Un enfant lancé par fork reçoit "
        "une copie de la mémoire du parent, un enfant lancé par spawn reconstruit la sienne en important le "
        "module ; dans les deux cas, l'enfant ajoute à sa propre liste, et celle du parent ne change pas. Pour "
        "rendre quelque chose, l'enfant doit l'envoyer : une multiprocessing.Queue, un Pipe, un Manager "
        "(cours : « Chaque processus a sa propre mémoire », « Communication entre processus plus complexe » ; "
        "kata 13)."),
}


CONCLUSION = {"asyncio": ("So: asyncio.", "Donc : asyncio."), "threads": ("So: threads.", "Donc : des threads."),
              "processes": ("So: processes.", "Donc : des processus."), True: ("So: True.", "Donc : vrai (True)."),
              False: ("So: False.", "Donc : faux (False).")}



def canonical(answer: object) -> str:
    return str(answer)  # "asyncio", "threads", "processes", "True", "False"


def digest(salt: str, purpose: str, answer: object) -> str:
    return hashlib.sha256(f"{salt}|{purpose}|{canonical(answer)}".encode()).hexdigest()


def _stream(salt: str, answer: object, size: int) -> bytes:
    key = digest(salt, "key", answer).encode()
    blocks = (hashlib.sha256(key + i.to_bytes(4, "big")).digest() for i in range(size // 32 + 1))
    return b"".join(blocks)[:size]


def seal(salt: str, answer: object, text: str) -> str:
    data = text.encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(salt, answer, len(data))))).decode()


def unseal(salt: str, answer: object, sealed: str) -> str:
    data = base64.b64decode(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(salt, answer, len(data)))).decode()


def criterion(why: str) -> str:
    """The first sentence of an explanation: what decides, not the answer."""
    return why.split(". ", 1)[0].rstrip(".") + "."


def wrong_answers(question: Question) -> list:
    options = ["asyncio", "threads", "processes"] if question.kind == "choice" else [True, False]
    return [o for o in options if o != question.answer]


def note(question: Question, wrong: object) -> tuple[str, str]:
    """What a learner who gave `wrong` reads after the criterion."""
    if question.kind == "bool":
        right_en, right_fr = CONCLUSION[question.answer]
        return f"{question.why_en} {right_en}", f"{question.why_fr} {right_fr}"
    return question.notes[wrong]


def key(salts: dict[int, str] | None = None) -> dict:
    out = {}
    for number, question in QUESTIONS.items():
        salt = (salts or {}).get(number) or secrets.token_hex(16)
        notes = {}
        for wrong in wrong_answers(question):
            en, fr = note(question, wrong)
            notes[digest(salt, "note", wrong)] = {"en": seal(salt, wrong, en), "fr": seal(salt, wrong, fr)}
        out[str(number)] = {"kind": question.kind, "salt": salt, "answer": digest(salt, "answer", question.answer),
                            "en": question.en, "fr": question.fr,
                            "criterion_en": criterion(question.why_en) if question.kind == "choice" else "",
                            "criterion_fr": criterion(question.why_fr) if question.kind == "choice" else "",
                            "notes": notes}
    return out


if __name__ == "__main__":
    KEY_FILE.write_text(json.dumps(key(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {KEY_FILE}")
