"""Messages of a run's own verdict, built by the parent when the child could not finish (checker/runner.py):
the time limit, a signal, an exit, a forged record."""

RUN: dict[str, dict[str, str]] = {
    "timeout": {
        "en": "Your code was still running after {limit:g} s, the time limit of this kata, and was stopped. "
              "Expected: every check finishes well within the limit. Look for a loop that never ends, "
              "a wait that is never satisfied, or a thread that never stops.",
        "fr": "Votre code tournait encore après {limit:g} s, la limite de ce kata, et a été arrêté. "
              "Attendu : chaque vérification se termine bien avant la limite. Cherchez une boucle sans fin, "
              "une attente jamais satisfaite ou un thread qui ne s'arrête jamais.",
    },
    "killed-by-signal": {
        "en": "The process running your code was killed by {signal}. Expected: your code returns normally. "
              "{why}",
        "fr": "Le processus qui exécutait votre code a été tué par {signal}. Attendu : votre code se termine "
              "normalement. {why}",
    },
    "exited": {
        "en": "Your code ended the process (exit status {status}) before the checks could finish: "
              "sys.exit(), os._exit() or exit() stop the whole program, including the checker. "
              "Expected: your functions return their result.",
        "fr": "Votre code a terminé le processus (code de sortie {status}) avant la fin des vérifications : "
              "sys.exit(), os._exit() ou exit() arrêtent tout le programme, correcteur compris. "
              "Attendu : vos fonctions renvoient leur résultat.",
    },
    "forged-report": {
        "en": "The results of this run did not come from the checker (missing or wrong signature). "
              "Something in the submission wrote to the checker's result channel or replaced its code.",
        "fr": "Les résultats de cette exécution ne viennent pas du correcteur (signature absente ou fausse). "
              "Quelque chose dans la soumission a écrit dans le canal de résultats du correcteur ou remplacé son code.",
    },
    "why-SIGSEGV": {
        "en": "A segmentation fault means memory was accessed where it must not be (ctypes, a C extension).",
        "fr": "Une erreur de segmentation signifie un accès mémoire interdit (ctypes, une extension C).",
    },
    "why-SIGKILL": {
        "en": "SIGKILL comes from os.kill(..., SIGKILL), or from the system when memory or processes ran out.",
        "fr": "SIGKILL vient de os.kill(..., SIGKILL), ou du système quand la mémoire ou les processus manquent.",
    },
    "why-SIGXFSZ": {
        "en": "The output or a file written by your code grew past {limit} MB.",
        "fr": "La sortie ou un fichier écrit par votre code a dépassé {limit} Mo.",
    },
    "why-SIGXCPU": {
        "en": "Your code used more CPU time than the kata allows.",
        "fr": "Votre code a consommé plus de temps CPU que le kata ne l'autorise.",
    },
    "why-other": {"en": "", "fr": ""},
    "output-tail": {
        "en": "Last lines printed before it stopped:\n{tail}",
        "fr": "Dernières lignes affichées avant l'arrêt :\n{tail}",
    },
}
