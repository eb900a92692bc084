"""The diagnostic codes: stable identifiers of what went wrong, with a one-line meaning in each language.

A code never changes meaning once published; add a new code rather than reuse one.
"""

CODES: dict[str, dict[str, str]] = {
    "not-implemented": {
        "en": "the stub still raises NotImplementedError",
        "fr": "le squelette lève encore NotImplementedError",
    },
    "not-a-coroutine": {
        "en": "a function that must be `async def` is not",
        "fr": "une fonction qui doit être `async def` ne l'est pas",
    },
    "blocking-call": {
        "en": "a blocking call ran inside the event loop",
        "fr": "un appel bloquant s'est exécuté dans la boucle d'événements",
    },
    "not-awaited": {
        "en": "a coroutine was created and never awaited",
        "fr": "une coroutine a été créée sans jamais être attendue (await)",
    },
    "wrong-output": {
        "en": "printed output differs from what was asked",
        "fr": "l'affichage diffère de ce qui était demandé",
    },
    "wrong-result": {
        "en": "returned value is wrong",
        "fr": "la valeur renvoyée est fausse",
    },
    "wrong-order": {
        "en": "results are not in the order asked",
        "fr": "les résultats ne sont pas dans l'ordre demandé",
    },
    "wrong-timing": {
        "en": "it took longer or shorter than the timing bound",
        "fr": "la durée est hors des bornes attendues",
    },
    "not-concurrent": {
        "en": "tasks ran one after another (or in small batches)",
        "fr": "les tâches se sont exécutées l'une après l'autre (ou par petits lots)",
    },
    "lost-updates": {
        "en": "concurrent increments were lost: a race remains",
        "fr": "des incréments concurrents ont été perdus : une course critique subsiste",
    },
    "no-threads": {
        "en": "the work did not run in several threads",
        "fr": "le travail ne s'est pas exécuté dans plusieurs threads",
    },
    "deadlock": {
        "en": "threads never finished, or a lock was never released",
        "fr": "des threads ne se sont jamais terminés, ou un verrou n'a jamais été relâché",
    },
    "timeout": {
        "en": "the submission ran past the kata's time limit",
        "fr": "la soumission a dépassé le temps limite du kata",
    },
    "crash": {
        "en": "the submission killed its process or raised an unexpected exception",
        "fr": "la soumission a tué son processus ou levé une exception inattendue",
    },
    "not-in-processes": {
        "en": "the CPU work did not run in child processes",
        "fr": "le calcul ne s'est pas exécuté dans des processus enfants",
    },
    "not-picklable": {
        "en": "something sent to another process cannot be pickled",
        "fr": "un objet envoyé à un autre processus ne peut pas être sérialisé (pickle)",
    },
    "spawn-unsafe": {
        "en": "it works with fork but not with spawn",
        "fr": "cela fonctionne avec fork mais pas avec spawn",
    },
    "no-speedup": {
        "en": "processes were used but it is not faster than sequential",
        "fr": "des processus sont utilisés mais ce n'est pas plus rapide que le séquentiel",
    },
    "busy-machine": {
        "en": "the machine was too busy to measure a speed-up; not a mistake, run again",
        "fr": "la machine était trop occupée pour mesurer une accélération ; pas une erreur, relancez",
    },
    "leaked-thread": {
        "en": "a thread started by the submission was still running after its function returned",
        "fr": "un thread lancé par la soumission tournait encore après le retour de sa fonction",
    },
    "leaked-process": {
        "en": "a process started by the submission was still alive (or a zombie) after its function returned",
        "fr": "un processus lancé par la soumission était encore vivant (ou zombie) après le retour de sa fonction",
    },
    "leaked-task": {
        "en": "an asyncio task started by the submission was still pending after its coroutine returned",
        "fr": "une tâche asyncio lancée par la soumission était encore en attente après le retour de sa coroutine",
    },
    "not-joined": {
        "en": "threads or processes were started but not waited for (join) before returning",
        "fr": "des threads ou processus ont été lancés sans être attendus (join) avant le retour",
    },
    "over-limit": {
        "en": "more operations ran at once than the limit allows",
        "fr": "plus d'opérations se sont exécutées en même temps que la limite ne le permet",
    },
    "no-backpressure": {
        "en": "the producer never waited for the consumers: the queue grew without bound",
        "fr": "le producteur n'a jamais attendu les consommateurs : la file a grossi sans limite",
    },
    "not-cancelled": {
        "en": "a task that had to be cancelled (or time out) kept running",
        "fr": "une tâche qui devait être annulée (ou expirer) a continué de tourner",
    },
    "no-cleanup": {
        "en": "cleanup code did not run when the work was cancelled or failed",
        "fr": "le code de nettoyage ne s'est pas exécuté quand le travail a été annulé ou a échoué",
    },
    "wrong-answer": {
        "en": "a quiz answer is wrong",
        "fr": "une réponse du quiz est fausse",
    },
    "tampered": {
        "en": "the hidden tests, the checker or the Python runtime were modified by the submission",
        "fr": "les tests cachés, le correcteur ou l'environnement Python ont été modifiés par la soumission",
    },
}

# A verdict with this code is not the learner's mistake: it is not recorded as a failed attempt.
NOT_A_MISTAKE = frozenset({"busy-machine"})


def is_known(code: str) -> bool:
    return code in CODES
