"""The messages of a check's verdict, in English and French: built in the child that runs the learner's code
(and by the runner), looked up through checker.i18n.t."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- check-level messages built by the plugin ---
    "not-implemented": {
        "en": "`{function}` still raises NotImplementedError: this is the stub as given. "
              "Expected: your implementation. Read the kata with `kata show {kata}`.",
        "fr": "`{function}` lève encore NotImplementedError : c'est le squelette d'origine. "
              "Attendu : votre implémentation. Lisez l'énoncé avec `kata show {kata}`.",
    },
    "import-failed": {
        "en": "Your file could not be loaded: {error}. Expected: a module that imports without error, "
              "so that the checks can call its functions.",
        "fr": "Votre fichier n'a pas pu être chargé : {error}. Attendu : un module qui s'importe sans "
              "erreur, pour que les vérifications puissent appeler ses fonctions.",
    },
    "signal-handler": {
        "en": "Your code installs a signal handler ({error}): the checks run your code on a thread other than "
              "the main one, and Python lets only the main thread install one. Expected: no signal handler; "
              "none of these katas needs one (to stop a thread or a task, use an Event or cancel the task).",
        "fr": "Votre code installe un gestionnaire de signal ({error}) : les vérifications exécutent votre code "
              "sur un autre thread que le thread principal, et Python ne permet qu'au thread principal d'en "
              "installer un. Attendu : aucun gestionnaire de signal ; aucun de ces katas n'en a besoin (pour "
              "arrêter un thread ou une tâche, utilisez un Event ou annulez la tâche).",
    },
    "no-current-loop": {
        "en": "Your code asked asyncio for the current event loop when none was running ({error}). Since Python "
              "3.14, asyncio.get_event_loop() no longer creates a loop there: it raises, as it did here. "
              "Expected: run the coroutine with asyncio.run(...), which creates the loop, runs it and closes it; "
              "inside a coroutine, asyncio.get_running_loop() gives the loop that runs it.",
        "fr": "Votre code a demandé à asyncio la boucle d'événements courante alors qu'aucune ne tournait "
              "({error}). Depuis Python 3.14, asyncio.get_event_loop() n'y crée plus de boucle : il lève une "
              "exception, comme ici. Attendu : exécuter la coroutine avec asyncio.run(...), qui crée la boucle, "
              "l'exécute et la ferme ; dans une coroutine, asyncio.get_running_loop() donne la boucle qui "
              "l'exécute.",
    },
    "import-title": {"en": "your file loads", "fr": "votre fichier se charge"},
    "suite-error-title": {"en": "the hidden checks load", "fr": "les vérifications cachées se chargent"},
    "suite-error": {
        "en": "The hidden checks of this kata could not be loaded, so nothing of your code was judged: {error}. "
              "This is not a mistake in your code: tell your teacher (`kata verify` shows it to them).",
        "fr": "Les vérifications cachées de ce kata n'ont pas pu être chargées, donc rien de votre code n'a été "
              "jugé : {error}. Ce n'est pas une erreur de votre code : prévenez votre enseignant (`kata verify` "
              "le lui montre).",
    },
    "raised": {
        "en": "Your code raised {error}. Expected: it returns normally; an exception here stops the "
              "program that calls your function.",
        "fr": "Votre code a levé {error}. Attendu : il se termine normalement ; une exception ici arrête "
              "le programme qui appelle votre fonction.",
    },
    "system-exit": {
        "en": "Your code called sys.exit() / raised SystemExit ({status}) inside a function. Expected: the "
              "function returns its result; exiting stops the whole program.",
        "fr": "Votre code a appelé sys.exit() / levé SystemExit ({status}) dans une fonction. Attendu : la "
              "fonction renvoie son résultat ; sortir arrête tout le programme.",
    },
    "check-timeout": {
        "en": "This check was still running after {limit:g} s and was stopped. Expected: it finishes "
              "quickly.{where}",
        "fr": "Cette vérification tournait encore après {limit:g} s et a été arrêtée. Attendu : elle se "
              "termine rapidement.{where}",
    },
    "threads-stopped": {"en": "Threads in your code when it was stopped:",
                        "fr": "Threads dans votre code au moment de l'arrêt :"},
    "thread-at": {"en": "  - {name} at {where}", "fr": "  - {name} à {where}"},
    "race-thread": {"en": "thread {name}", "fr": "le thread {name}"},
    "race-read": {"en": "{who} read {value}", "fr": "{who} a lu {value}"},
    "race-wrote": {"en": "{who} wrote {value}", "fr": "{who} a écrit {value}"},
    "race-span": {"en": "thread {name}: read {read} → wrote {wrote}", "fr": "thread {name} : lu {read} → écrit {wrote}"},
    "race-span-thread": {"en": "thread {name}", "fr": "thread {name}"},
    "aside-wait": {
        "en": "{who} waited{where} for something the checks cannot see (an Event, a Condition, a queue, a thread, "
              "or a lock they do not model: one kept in a dict or a closure, or made after the checks looked)",
        "fr": "{who} a attendu{where} quelque chose que les vérifications ne voient pas (un Event, une Condition, "
              "une file, un thread, ou un verrou qu'elles ne modélisent pas : rangé dans un dict ou une fermeture, "
              "ou créé après leur passage)",
    },
    "aside-stall": {
        "en": "{who} stopped for more than a second{where}, using no CPU, waiting for something the checks cannot "
              "see (a sleep, input or output, a lock they do not model)",
        "fr": "{who} s'est arrêté plus d'une seconde{where}, sans utiliser le processeur, en attendant quelque chose "
              "que les vérifications ne voient pas (un sleep, une entrée-sortie, un verrou qu'elles ne modélisent "
              "pas)",
    },
    "aside-spin": {
        "en": "{who} ran for seconds{where} without reaching a point where the checks may switch threads (a loop "
              "that waits for something?)",
        "fr": "{who} a tourné plusieurs secondes{where} sans atteindre un point où les vérifications peuvent "
              "changer de thread (une boucle qui attend quelque chose ?)",
    },
    "aside-steps": {
        "en": "{who} took more than {steps} steps (reads, writes and calls) in one run{where}, as a loop that "
              "never ends does",
        "fr": "{who} a fait plus de {steps} pas (lectures, écritures et appels) en une exécution{where}, comme le "
              "fait une boucle sans fin",
    },
    "aside-where": {"en": " at {where}", "fr": " à {where}"},
    "deadlock-holds": {"en": " holds {lock} and", "fr": " tient {lock} et"},
    "deadlock-waits": {"en": " waits for {lock}", "fr": " attend {lock}"},
    "deadlock-held-by": {"en": ", held by thread {holder}", "fr": ", tenu par le thread {holder}"},
    "deadlock-held-by-itself": {"en": ", which it holds itself", "fr": ", qu'il tient lui-même"},
    "check-deadlock": {
        "en": "Every thread in your code was waiting for a lock after {limit:g} s: a deadlock. Expected: each lock "
              "is released (use `with lock:`), and locks are always taken in the same order.",
        "fr": "Tous les threads de votre code attendaient un verrou après {limit:g} s : un interblocage. Attendu : "
              "chaque verrou est relâché (utilisez `with lock:`) et les verrous sont toujours pris dans le même "
              "ordre.",
    },
    "loop-end-reached": {
        "en": "Your code was still waiting after {seconds:g} s of event-loop time (virtual time, so this took no "
              "real time). Expected: it finishes; something waits far too long or forever.",
        "fr": "Votre code attendait encore après {seconds:g} s de temps de boucle (temps virtuel, donc sans attente "
              "réelle). Attendu : qu'il se termine ; une attente est bien trop longue ou infinie.",
    },
    "loop-untimed": {
        "en": "Your code ran an event loop that the check cannot time: {loops}. Time is measured on the loop that "
              "runs the code checked (asyncio.run's), and only there. Expected: await your coroutines in that loop "
              "(await, asyncio.gather, a TaskGroup); never a second loop, inside it or in a thread.",
        "fr": "Votre code a exécuté une boucle que la vérification ne peut pas chronométrer : {loops}. Le temps se "
              "mesure sur la boucle du code vérifié (celle d'asyncio.run), et là seulement. Attendu : attendez vos "
              "coroutines dans cette boucle (await, asyncio.gather, un TaskGroup) ; pas de seconde boucle.",
    },
    "loop-one": {"en": "a loop {how}, its clock at {seconds:g} s", "fr": "une boucle {how}, horloge à {seconds:g} s"},
    "loop-in-loop": {"en": "made or run inside the running loop", "fr": "créée ou exécutée dans la boucle en cours"},
    "loop-in-thread": {"en": "made or run in another thread", "fr": "créée ou exécutée dans un autre thread"},
    "loop-in-turn": {"en": "run before or after another one", "fr": "exécutée avant ou après une autre"},
    "import-leaks-title": {"en": "What your file starts when it loads ends",
                           "fr": "Ce que votre fichier lance au chargement se termine"},
    "import-leak-blocks": {
        "en": "Loading your file started a {what} that was still running when every check was over: {origin}{more}. "
              "It is not a daemon, so Python waits for it before exiting: run as a program (`python yourfile.py`), "
              "your file would never end. Expected: no thread or process started at module level — start them "
              "inside your functions (or under `if __name__ == \"__main__\":`), and make every one of them end (a "
              "loop with a stop condition, then join()).",
        "fr": "Le chargement de votre fichier a lancé un {what} qui tournait encore à la fin de toutes les "
              "vérifications : {origin}{more}. Ce n'est pas un démon : Python l'attend avant de quitter, et lancé "
              "comme programme (`python votrefichier.py`), votre fichier ne se terminerait jamais. Attendu : aucun "
              "thread ni processus lancé au niveau du module — lancez-les dans vos fonctions (ou sous "
              "`if __name__ == \"__main__\":`), et faites que chacun se termine (une boucle avec une condition "
              "d'arrêt, puis join()).",
    },
    "import-leak-daemon": {
        "en": "Loading your file started a daemon {what} that was still running when every check was over: "
              "{origin}{more}. Python kills it abruptly at exit, in the middle of whatever it was doing. Expected: "
              "start threads and processes inside your functions, and make them end.",
        "fr": "Le chargement de votre fichier a lancé un {what} démon qui tournait encore à la fin de toutes les "
              "vérifications : {origin}{more}. Python le tue brutalement en quittant, au milieu de ce qu'il "
              "faisait. Attendu : lancer threads et processus dans vos fonctions, et les faire se terminer.",
    },
    "import-leak-thread": {"en": "thread", "fr": "thread"},
    "import-leak-process": {"en": "process", "fr": "processus"},
    "import-leak-more": {"en": " ({count} more like it)", "fr": " ({count} autre(s) de même)"},
    "where-running": {
        "en": " Your code was at {location} when it was stopped.",
        "fr": " Votre code était à {location} au moment de l'arrêt.",
    },
    "not-awaited": {
        "en": "{detail} at {location}: the coroutine was created but never awaited, so its code never ran. "
              "Expected: `await` it (or pass it to asyncio.gather / create_task and await that).",
        "fr": "{detail} à {location} : la coroutine a été créée mais jamais attendue, son code ne s'est donc "
              "jamais exécuté. Attendu : `await` (ou la passer à asyncio.gather / create_task et attendre le résultat).",
    },
    "blocking-sleep": {
        "en": "time.sleep ran inside the event loop at {location}: it froze the loop, so no other coroutine could "
              "run meanwhile. Expected: `{advice}` in its place, which lets the loop run other tasks while this "
              "one waits.",
        "fr": "time.sleep s'est exécuté dans la boucle d'événements à {location} : il a gelé la boucle, aucune "
              "autre coroutine n'a pu avancer. Attendu : `{advice}` à sa place, qui laisse la boucle exécuter "
              "d'autres tâches pendant l'attente.",
    },
    "blocking-slow": {
        "en": "The event loop was blocked for {seconds:.2f} s by {location}: nothing else could run meanwhile. "
              "Expected: never block the loop; await asyncio.sleep for waits, asyncio.to_thread for blocking "
              "calls.",
        "fr": "La boucle d'événements a été bloquée {seconds:.2f} s par {location} : rien d'autre n'a pu "
              "avancer pendant ce temps. Attendu : ne jamais bloquer la boucle ; await asyncio.sleep pour "
              "attendre, asyncio.to_thread pour un appel bloquant.",
    },
    "tampered-runtime": {
        "en": "Your code replaced {names} while it ran. Expected: the checker's and Python's own functions left "
              "as they are; the checks cannot be trusted otherwise.",
        "fr": "Votre code a remplacé {names} pendant son exécution. Attendu : les fonctions du correcteur et "
              "de Python laissées telles quelles ; sinon les vérifications ne sont pas fiables.",
    },
    "tampered-class": {
        "en": "Your code tried to replace {names}, a part of the checker (refused: the checker's classes cannot be "
              "changed). Expected: the checker's and Python's own functions left as they are; the checks cannot "
              "be trusted otherwise.",
        "fr": "Votre code a tenté de remplacer {names}, une partie du correcteur (refusé : les classes du "
              "correcteur ne peuvent pas être modifiées). Attendu : les fonctions du correcteur et de Python "
              "laissées telles quelles ; sinon les vérifications ne sont pas fiables.",
    },
    "tampered-event": {
        "en": "Your code used {event} ({detail}) while the checks ran: a submission may not inspect or alter "
              "the checker (its memory, frames, tracing, other processes). Expected: only the work the kata "
              "asks for; the checks cannot be trusted otherwise.",
        "fr": "Votre code a utilisé {event} ({detail}) pendant les vérifications : une soumission ne doit ni "
              "inspecter ni modifier le correcteur (sa mémoire, ses cadres d'exécution, le traçage, d'autres "
              "processus). Attendu : seulement le travail demandé par le kata ; sinon les vérifications ne "
              "sont pas fiables.",
    },
    "tampered-title": {
        "en": "Python and the checker left intact",
        "fr": "Python et le correcteur laissés intacts",
    },
    "skipped-needs": {
        "en": "Not run: it needs “{needs}”, which failed.",
        "fr": "Non exécutée : elle dépend de « {needs} », qui a échoué.",
    },
    "never-yields": {
        "en": "The event loop was stuck in one step of a coroutine for {seconds:.1f} s: that coroutine never "
              "reaches an `await`, so the loop can run nothing else, not even the timers that would stop it.",
        "fr": "La boucle d'événements est restée {seconds:.1f} s dans une seule étape d'une coroutine : cette "
              "coroutine n'atteint jamais d'`await`, la boucle ne peut donc rien exécuter d'autre, pas même les "
              "minuteries qui l'arrêteraient.",
    },
    "leaked-thread": {
        "en": "A thread your code started was still running after your function returned: {origin}. "
              "Expected: every thread you start is finished (joined) before you return; a forgotten thread "
              "keeps working (and holding memory) behind the caller's back.",
        "fr": "Un thread lancé par votre code tournait encore après le retour de votre fonction : {origin}. "
              "Attendu : chaque thread lancé est terminé (join) avant le retour ; un thread oublié continue de "
              "travailler (et d'occuper la mémoire) dans le dos de l'appelant.",
    },
    "leaked-process": {
        "en": "A process your code started was still alive after your function returned: {origin}. Expected: "
              "close and join your pool or processes (a `with` block does it), or they linger as orphans.",
        "fr": "Un processus lancé par votre code était encore vivant après le retour de votre fonction : {origin}. "
              "Attendu : fermer et attendre (join) le pool ou les processus (un bloc `with` le fait), sinon ils "
              "traînent en orphelins.",
    },
    "lock-cycle": {
        "en": "Your threads took two locks in opposite orders ({steps}). This run did not deadlock, but two "
              "threads doing so at the same moment would wait for each other forever. Always take locks in "
              "one global order.",
        "fr": "Vos threads ont pris deux verrous dans des ordres opposés ({steps}). Cette exécution ne s'est pas "
              "bloquée, mais deux threads le faisant au même moment s'attendraient pour toujours. Prenez "
              "toujours les verrous dans un ordre global unique.",
    },
    "origin-running": {"en": "{name}, running {target} ({place})", "fr": "{name}, qui exécute {target} ({place})"},
    "origin-process": {"en": "{name} (pid {pid})", "fr": "{name} (pid {pid})"},
    "origin-process-running": {"en": "{name} (pid {pid}), running {target} ({place})",
                               "fr": "{name} (pid {pid}), qui exécute {target} ({place})"},
    "lock-order-step": {"en": "{first} then {second}: {where}", "fr": "{first} puis {second} : {where}"},
    "lock-created-at": {"en": "the lock created at {place}", "fr": "le verrou créé à {place}"},
    "lock-unnamed": {"en": "a lock", "fr": "un verrou"},
    "lock-taken-by": {"en": "{thread} at {place}", "fr": "{thread} à {place}"},
    "skipped-hung": {"en": "Not run: “{check}” hung, and this check would run the same code.",
                     "fr": "Non exécutée : « {check} » s'est bloquée, et cette vérification exécuterait le même code."},
    "skipped": {"en": "Skipped: {reason}", "fr": "Ignorée : {reason}"},
}
