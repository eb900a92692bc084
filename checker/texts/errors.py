"""Messages of errors (KataError keys, checker/errors.py), of the teachers' commands and of the platform."""

ERRORS: dict[str, dict[str, str]] = {
    # --- errors (KataError keys, checker/errors.py) ---
    "unknown-kata": {"en": "Unknown kata '{ref}' (katas here: {known}). Try `kata list`.",
                     "fr": "Kata inconnu « {ref} » (katas ici : {known}). Essayez `kata list`."},
    "no-repository": {"en": "No kata repository here: run `kata` inside the folder you cloned (it has a katas/ folder).",
                      "fr": "Pas de dépôt de katas ici : lancez `kata` dans le dossier cloné (il contient un dossier katas/)."},
    "bad-kata-root": {"en": "KATA_ROOT={root} has no katas/ folder. Point it at a kata repository.",
                      "fr": "KATA_ROOT={root} n'a pas de dossier katas/. Faites-le pointer vers un dépôt de katas."},
    "no-task": {"en": "Kata {kata} has no task {task!r} (its tasks: {known}).",
                "fr": "Le kata {kata} n'a pas de tâche {task!r} (ses tâches : {known})."},
    "no-tasks": {"en": "none: it is graded as a whole", "fr": "aucune : il est noté d'un bloc"},
    "no-hints": {"en": "Kata {kata} has no hints.", "fr": "Le kata {kata} n'a pas d'indice."},
    "stub-missing": {"en": "The pristine stub of kata {kata} is missing ({path}); cannot reset.",
                     "fr": "Le squelette d'origine du kata {kata} manque ({path}) : impossible de restaurer."},
    "no-solution": {"en": "No reference solution for kata {kata} in this repository (a student repository has "
                          "them only if the teacher exported them).",
                    "fr": "Pas de solution de référence pour le kata {kata} dans ce dépôt (un dépôt d'élève n'en a "
                          "que si l'enseignant les a exportées)."},
    "pass-first": {"en": "Pass kata {kata} first (`kata check {kata}`); its reference solution opens then.",
                   "fr": "Réussissez d'abord le kata {kata} (`kata check {kata}`) ; sa solution de référence s'ouvre alors."},
    "no-file": {"en": "No file at {path}. Check the path, or run `kata reset` to get the stub back.",
                "fr": "Aucun fichier à {path}. Vérifiez le chemin, ou lancez `kata reset` pour retrouver le squelette."},
    "no-file-given": {"en": "No file at {path}. Check the path given to --file.",
                      "fr": "Aucun fichier à {path}. Vérifiez le chemin donné à --file."},
    "file-unopenable": {"en": "Cannot open {path}: {error}.", "fr": "Impossible d'ouvrir {path} : {error}."},
    "file-is-folder": {"en": "{path} is a folder; give the Python file to check.",
                       "fr": "{path} est un dossier ; donnez le fichier Python à vérifier."},
    "file-not-regular": {"en": "{path} is not a regular file.", "fr": "{path} n'est pas un fichier ordinaire."},
    "file-not-python": {"en": "{path} is not a Python file (.py).", "fr": "{path} n'est pas un fichier Python (.py)."},
    "file-unreadable": {"en": "Cannot read {path}: {error}.", "fr": "Impossible de lire {path} : {error}."},
    "file-too-big": {"en": "{path} is {size} MB; a kata answer fits in far less than {limit} MB. Is it the right file?",
                     "fr": "{path} fait {size} Mo ; une réponse de kata tient dans bien moins de {limit} Mo. Est-ce le bon fichier ?"},
    "interrupted": {"en": "Interrupted: no more checks start.", "fr": "Interrompu : aucune autre vérification ne démarre."},
    "reset-deleted": {"en": "Kata {kata}: {file} was missing; the stub is back in its place.",
                      "fr": "Kata {kata} : {file} manquait ; le squelette est de retour à sa place."},
    "bad-seed": {"en": "{value!r} is not a number (decimal or 0x hexadecimal).",
                 "fr": "{value!r} n'est pas un nombre (décimal ou hexadécimal 0x)."},
    "run-title": {"en": "the checks run to the end", "fr": "les vérifications vont jusqu'au bout"},
    # --- teachers ---
    "export-bad-lang": {"en": "Unknown language '{lang}' for the student README: use one of {languages}.",
                        "fr": "Langue inconnue « {lang} » pour le README de l'élève : utilisez {languages}."},
    "export-nothing": {"en": "No kata to export: give some with --katas, or add katas to katas/.",
                       "fr": "Aucun kata à exporter : donnez-en avec --katas, ou ajoutez des katas dans katas/."},
    "export-twice": {"en": "Kata {kata} is listed twice: list each kata once.",
                     "fr": "Le kata {kata} est listé deux fois : listez chaque kata une seule fois."},
    "export-spaces": {"en": "Cannot export {path!r}: file names with spaces are not supported.",
                      "fr": "Impossible d'exporter {path!r} : les noms de fichier avec des espaces ne sont pas pris en charge."},
    "task-id-empty": {"en": "The task id {task!r} has no letter or digit: it cannot name a grading step.",
                      "fr": "L'identifiant de tâche {task!r} n'a ni lettre ni chiffre : il ne peut pas nommer une étape de notation."},
    "verify-no-toml": {"en": "{folder}: no kata.toml, so it is not a kata yet",
                       "fr": "{folder} : pas de kata.toml, ce n'est donc pas encore un kata"},
    "verify-total": {"en": "{good}/{count} as expected.", "fr": "{good}/{count} comme attendu."},
    "exported": {"en": "Exported katas {katas} ({points} points) to {dest}.",
                 "fr": "Katas {katas} ({points} points) exportés dans {dest}."},
    "exported-next": {"en": "Next: cd {dest} && git init && git add -A && git commit -m 'Concurrency katas', push it to a "
                            "GitHub template repository, and make it the starter code of a Classroom assignment "
                            "(teacher guide in README.md).",
                      "fr": "Ensuite : cd {dest} && git init && git add -A && git commit -m 'Concurrency katas', poussez-le "
                            "dans un dépôt modèle GitHub, et faites-en le code de départ d'un devoir Classroom (guide de "
                            "l'enseignant dans README.md)."},
    "created": {"en": "created {path}", "fr": "créé {path}"},
    "new-next": {"en": "Next: `kata verify --katas {kata}` (green as written), then replace the example with your kata, "
                       "file by file (teacher guide in README.md), and verify again.",
                 "fr": "Ensuite : `kata verify --katas {kata}` (vert tel quel), puis remplacez l'exemple par votre kata, "
                       "fichier par fichier (guide de l'enseignant dans README.md), et vérifiez à nouveau."},
    # --- the platform (checker/system.py) ---
    "unsupported-platform": {
        "en": "kata needs a POSIX system (Linux or macOS) and this Python lacks {missing}. On Windows, install "
              "WSL (`wsl --install` in PowerShell), open its Ubuntu terminal, and run the two set-up commands of "
              "README.md there.",
        "fr": "kata a besoin d'un système POSIX (Linux ou macOS) et ce Python n'a pas {missing}. Sous Windows, "
              "installez WSL (`wsl --install` dans PowerShell), ouvrez son terminal Ubuntu et lancez-y les deux "
              "commandes d'installation du README.md.",
    },
    "env-no-memory-limit": {
        "en": "This system does not enforce a memory limit (RLIMIT_AS): code that allocates without end is "
              "stopped by the time limit only.",
        "fr": "Ce système n'applique pas de limite de mémoire (RLIMIT_AS) : un code qui alloue sans fin n'est "
              "arrêté que par la limite de temps.",
    },
    # --- the learner's progress store (checker/progress.py) ---
    "progress-unopenable": {"en": "Cannot open the progress store {path}: {error}. Check the permissions of the .kata "
                                  "folder.",
                            "fr": "Impossible d'ouvrir le fichier de progression {path} : {error}. Vérifiez les "
                                  "droits du dossier .kata."},
    "progress-bad-json": {"en": "line {line} is not valid JSON", "fr": "la ligne {line} n'est pas du JSON valide"},
    "progress-no-header": {"en": "it has no header", "fr": "il n'a pas d'en-tête"},
    "progress-not-ours": {"en": "it is not a kata progress store", "fr": "ce n'est pas un fichier de progression de kata"},
    "progress-newer": {"en": "it was written by a newer checker (format {version}); upgrade the checker",
                       "fr": "il a été écrit par un correcteur plus récent (format {version}) ; mettez le correcteur à "
                             "jour"},
    "progress-not-event": {"en": "line {line} is not an event", "fr": "la ligne {line} n'est pas un événement"},
    # why a check runs unconfined (checker/confine.py), inside "not-confined"
    "landlock-forced-off": {"en": "KATA_TEST_NO_LANDLOCK=1", "fr": "KATA_TEST_NO_LANDLOCK=1"},
    "landlock-unavailable": {"en": "Landlock is not available on {system}",
                             "fr": "Landlock n'est pas disponible sous {system}"},
    "landlock-refused-ruleset": {"en": "Landlock refused a ruleset: {error}",
                                 "fr": "Landlock a refusé un jeu de règles : {error}"},
    "landlock-refused-rule": {"en": "Landlock refused a rule: {error}", "fr": "Landlock a refusé une règle : {error}"},
    "file-exists-title": {"en": "your file exists", "fr": "votre fichier existe"},
    "file-readable-title": {"en": "your file can be read", "fr": "votre fichier est lisible"},
}
