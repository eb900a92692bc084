"""Messages of the teachers' side: kata.toml and its folder, `kata new`, `kata export` and its pinned
dependencies, `kata class grade` and `merge`."""

TEACHERS: dict[str, dict[str, str]] = {
    # --- a kata folder and its kata.toml (checker/catalog.py) ---
    "katas-share-number": {"en": "Two katas share a number in {folder}: {ids}",
                           "fr": "Deux katas ont le même numéro dans {folder} : {ids}"},
    "toml-missing": {"en": "{path} is missing: every kata folder needs a kata.toml.",
                     "fr": "{path} manque : chaque dossier de kata a besoin d'un kata.toml."},
    "toml-invalid": {"en": "{path} is not valid TOML: {error}", "fr": "{path} n'est pas du TOML valide : {error}"},
    "toml-newer": {"en": "{path} has format_version {version}; this checker reads {reads}. Upgrade the checker "
                         "(pip install -U -e .).",
                   "fr": "{path} a format_version {version} ; ce correcteur lit {reads}. Mettez le correcteur à jour "
                         "(pip install -U -e .)."},
    "toml-bad-field": {"en": "{path}: missing or bad field {field}.", "fr": "{path} : champ absent ou invalide {field}."},
    "toml-other-folder": {"en": "{path} says id={id!r}, slug={slug!r} but its folder is {folder}.",
                          "fr": "{path} dit id={id!r}, slug={slug!r} mais son dossier est {folder}."},
    "toml-bad-leaks": {"en": "{path}: leaks must be \"warn\" or \"fail\", not {leaks!r}.",
                       "fr": "{path} : leaks doit valoir « warn » ou « fail », pas {leaks!r}."},
    "toml-unknown-codes": {"en": "{path}: timed_codes names unknown codes {codes} (see checker/codes.py).",
                           "fr": "{path} : timed_codes nomme des codes inconnus {codes} (voir checker/codes.py)."},
    "toml-task-points": {"en": "{path}: the points of its tasks do not add up to points = {points}.",
                         "fr": "{path} : les points de ses tâches ne font pas points = {points}."},
    "steps-share-id": {"en": "Two grading steps would share the id {id}: give the tasks of that kata ids that differ "
                             "in letters or digits, not only in punctuation or case.",
                       "fr": "Deux étapes de notation auraient le même identifiant {id} : donnez aux tâches de ce kata "
                             "des identifiants qui diffèrent par des lettres ou des chiffres, pas seulement par la "
                             "ponctuation ou la casse."},
    # --- kata verify (checker/verify.py): what is wrong with a case ---
    "verify-no-solution": {"en": "no reference solution at {path}", "fr": "pas de solution de référence en {path}"},
    "verify-no-readme-en": {"en": "no README.md (English exercise text)", "fr": "pas de README.md (l'énoncé en anglais)"},
    "verify-no-readme-fr": {"en": "no README.fr.md (French exercise text)",
                            "fr": "pas de README.fr.md (l'énoncé en français)"},
    "verify-no-stub": {"en": "no pristine stub at {path} (a copy of {file}, for `kata reset`)",
                       "fr": "pas de copie intacte du fichier de départ en {path} (une copie de {file}, pour "
                             "`kata reset`)"},
    "verify-few-mistakes": {"en": "{count} known mistake{s} in {folder}; at least {least} prove that the suite catches "
                                  "the ways learners go wrong",
                            "fr": "{count} erreur{s} connue{s} dans {folder} ; il en faut au moins {least} pour prouver "
                                  "que la suite attrape les façons dont les élèves se trompent"},
    "verify-no-code": {"en": "declares no known code (first lines need '# expect: <code>')",
                       "fr": "ne déclare aucun code connu (les premières lignes doivent dire « # expect: <code> »)"},
    "verify-stub-differs": {"en": "differs from the pristine copy {path}", "fr": "diffère de sa copie intacte {path}"},
    "verify-must-pass": {"en": "a {role} must pass every check",
                         "fr": "un fichier {role} doit réussir toutes les vérifications"},
    "verify-points": {"en": "passed every check but earned {points} of {total} points (a task without checks?)",
                      "fr": "a réussi toutes les vérifications mais n'a gagné que {points} points sur {total} (une "
                            "tâche sans vérification ?)"},
    "verify-expected": {"en": "expected {code}", "fr": "attendu : {code}"},
    "verify-unmeasured": {"en": "not measured: the machine stayed too busy to measure in {tries} checks (busy-machine "
                                "is no verdict); run it again on a quieter machine",
                          "fr": "non mesuré : la machine est restée trop occupée pour mesurer en {tries} vérifications "
                                "(busy-machine n'est pas un verdict) ; relancez-le sur une machine plus calme"},
    "verify-flipped": {"en": "flipped in {repeat} runs", "fr": "verdict changeant en {repeat} exécutions"},
    "verify-line": {"en": "{mark} {kata} {role:8} {file:38} expected {expected:16} got {got}{problem}",
                    "fr": "{mark} {kata} {role:8} {file:38} attendu {expected:16} obtenu {got}{problem}"},
    # --- kata new (checker/scaffold.py) ---
    "new-bad-template": {"en": "No kata template '{template}': choose one of {kinds}.",
                         "fr": "Pas de modèle de kata « {template} » : choisissez parmi {kinds}."},
    "new-no-katas": {"en": "{root} has no katas/ folder: run `kata new` at the root of the kata repository.",
                     "fr": "{root} n'a pas de dossier katas/ : lancez `kata new` à la racine du dépôt de katas."},
    "new-number-taken": {"en": "Kata number {kata} is taken ({where}): choose another number.",
                         "fr": "Le numéro de kata {kata} est pris ({where}) : choisissez-en un autre."},
    "new-slug-taken": {"en": "The slug '{slug}' is taken ({where}): choose another name.",
                       "fr": "Le nom « {slug} » est pris ({where}) : choisissez-en un autre."},
    "new-bad-number": {"en": "'{number}' is not a kata number: give one or two digits, like 05.",
                       "fr": "« {number} » n'est pas un numéro de kata : donnez un ou deux chiffres, comme 05."},
    "new-bad-slug": {"en": "'{slug}' cannot name a kata: use lower-case letters, digits and _, starting with a letter "
                           "(like bounded_queue); it names the learner's file too.",
                     "fr": "« {slug} » ne peut pas nommer un kata : utilisez des minuscules, des chiffres et _, en "
                           "commençant par une lettre (comme bounded_queue) ; il nomme aussi le fichier de l'élève."},
    "new-slug-is-module": {"en": "'{slug}' is already the name of a Python module: the learner's file {slug}.py would "
                                 "hide it. Choose another name.",
                           "fr": "« {slug} » est déjà le nom d'un module Python : le fichier {slug}.py de l'élève le "
                                 "masquerait. Choisissez un autre nom."},
    # --- kata export (checker/export.py, checker/lock.py) ---
    "export-bad-python": {"en": "Unknown Python '{python}' for the workflow: give X.Y, e.g. {example}.",
                          "fr": "Python « {python} » inconnu pour le workflow : donnez X.Y, par ex. {example}."},
    "export-incomplete": {"en": "Kata {kata} is not complete ({where} missing): finish it, or leave it out with "
                                "--katas.",
                          "fr": "Le kata {kata} n'est pas complet ({where} manque) : terminez-le, ou laissez-le de "
                                "côté avec --katas."},
    "export-no-project": {"en": "Cannot read {path} ({error}): export from the root of the kata repository.",
                          "fr": "Impossible de lire {path} ({error}) : exportez depuis la racine du dépôt de katas."},
    "export-project-fields": {"en": "Cannot read name, version and dependencies from {path} ({error}): export from "
                                    "the root of the kata repository.",
                              "fr": "Impossible de lire le nom, la version et les dépendances dans {path} ({error}) : "
                                    "exportez depuis la racine du dépôt de katas."},
    "export-updated": {"en": "updated {path}", "fr": "mis à jour : {path}"},
    "export-updated-all": {"en": "{count} file(s) updated in {dest}; the learner's kata files were left as they are. "
                                 "Next: commit and push them (teacher guide in README.md: pushing a fixed kata).",
                           "fr": "{count} fichier(s) mis à jour dans {dest} ; les fichiers de kata de l'élève sont "
                                 "restés tels quels. Ensuite : validez (commit) et poussez-les (guide de l'enseignant "
                                 "dans README.md : pousser un kata corrigé)."},
    "update-no-workflow": {"en": "{dest} holds no {workflow}: give the folder of a student repository made by "
                                 "`kata export` (a clone of it), or export into a new folder without --update.",
                           "fr": "{dest} ne contient pas {workflow} : donnez le dossier d'un dépôt d'élève fait par "
                                 "`kata export` (un clone), ou exportez dans un nouveau dossier sans --update."},
    "update-not-plain": {"en": "{path} is not a plain file: remove it and run --update again.",
                         "fr": "{path} n'est pas un fichier ordinaire : supprimez-le et relancez --update."},
    "export-dest-file": {"en": "{dest} is a file: give the path of a new or empty folder for the student repository.",
                         "fr": "{dest} est un fichier : donnez le chemin d'un dossier neuf ou vide pour le dépôt "
                               "d'élève."},
    "export-dest-full": {"en": "{dest} is not empty: export into a new or empty folder (nothing is overwritten).",
                         "fr": "{dest} n'est pas vide : exportez dans un dossier neuf ou vide (rien n'est écrasé)."},
    "col-file-to-edit": {"en": "file to edit", "fr": "fichier à modifier"},
    "col-total": {"en": "total", "fr": "total"},
    # the link at the top of the student's README, to the README in the other language
    "readme-other-version": {"en": "*Version française : [{file}]({file}).*",
                             "fr": "*English version: [{file}]({file}).*"},
    "lock-not-installed": {"en": "{name} (needed by {parent} on Python {python}) is not installed here, so its version "
                                 "cannot be pinned: install the checker's dependencies in this environment "
                                 "(pip install -e .) and export again.",
                           "fr": "{name} (demandé par {parent} sous Python {python}) n'est pas installé ici, sa "
                                 "version ne peut donc pas être figée : installez les dépendances du correcteur dans "
                                 "cet environnement (pip install -e .) et exportez à nouveau."},
    "lock-wrong-version": {"en": "{name} {version} is installed here but {parent} needs {req}: update it "
                                 "(pip install -U '{name}') and export again.",
                           "fr": "{name} {version} est installé ici mais {parent} demande {req} : mettez-le à jour "
                                 "(pip install -U '{name}') et exportez à nouveau."},
    "lock-no-build-version": {"en": "No version of {name} on {index} meets the build requirement {req}.",
                              "fr": "Aucune version de {name} sur {index} ne satisfait l'exigence de construction "
                                    "{req}."},
    "lock-no-hash": {"en": "{name} {version} is installed here but {index} lists no file of that version with a sha256 "
                           "hash: install a version the index has (pip install '{name}' from it) or set "
                           "KATA_INDEX_URL to the index the runner will use.",
                     "fr": "{name} {version} est installé ici mais {index} ne liste aucun fichier de cette version "
                           "avec une empreinte sha256 : installez une version que l'index a (pip install '{name}' "
                           "depuis celui-ci) ou donnez à KATA_INDEX_URL l'index qu'utilisera la machine de "
                           "correction."},
    "lock-unreachable": {"en": "Cannot read {url} to pin {name} ({error}): export once with a network connection (the "
                               "pages read are cached), or set KATA_INDEX_URL to a reachable index.",
                         "fr": "Impossible de lire {url} pour figer {name} ({error}) : exportez une fois avec une "
                               "connexion réseau (les pages lues sont gardées en cache), ou donnez à KATA_INDEX_URL "
                               "un index joignable."},
    # --- kata class (checker/classgrade/) ---
    "class-interrupted": {"en": "Interrupted: the checks done so far are kept; run the same command again to go on.",
                          "fr": "Interrompu : les vérifications déjà faites sont gardées ; relancez la même commande "
                                "pour continuer."},
    "class-not-folder": {"en": "{path} is not a folder: give the folder that holds one folder per student.",
                         "fr": "{path} n'est pas un dossier : donnez le dossier qui contient un dossier par élève."},
    "shard-form": {"en": "--shard {shard}: write it i/n, e.g. 2/4 (the second of four shares).",
                   "fr": "--shard {shard} : écrivez-le i/n, par ex. 2/4 (la deuxième de quatre parts)."},
    "shard-range": {"en": "--shard {shard}: i must be between 1 and n.",
                    "fr": "--shard {shard} : i doit être entre 1 et n."},
    "out-in-class": {"en": "--out {out} is inside the class folder: put the results elsewhere.",
                     "fr": "--out {out} est dans le dossier de la classe : mettez les résultats ailleurs."},
    "out-in-repo": {"en": "--out {out} is inside your {part}/ folder: put the results elsewhere.",
                    "fr": "--out {out} est dans votre dossier {part}/ : mettez les résultats ailleurs."},
    "class-bar-grading": {"en": "grading", "fr": "notation"},
    "class-bar-counts": {"en": "checks · students", "fr": "vérifications · élèves"},
    "class-bar-left": {"en": "ETA", "fr": "reste"},
    "class-col-student": {"en": "student", "fr": "élève"},
    "class-review": {"en": "{count} file(s) reach into Python's or pytest's internals, which no solution needs and "
                           "every known attack on the checker uses: the report (report.html) names their lines. "
                           "Read them before trusting their points.",
                     "fr": "{count} fichier(s) touchent aux rouages de Python ou de pytest, dont aucune solution n'a "
                           "besoin et dont se sert toute attaque connue du vérificateur : le rapport (report.html) "
                           "en donne les lignes. Lisez-les avant de vous fier à leurs points."},
    "class-summary": {"en": "{students} students × {katas} katas: passed {passed}, failed {failed}, not submitted "
                            "{not_submitted}{busy}.",
                      "fr": "{students} élèves × {katas} katas : réussis {passed}, échoués {failed}, non rendus "
                            "{not_submitted}{busy}."},
    "class-not-graded": {"en": "{count} not graded (machine too busy): run the same command again to grade those only",
                         "fr": "{count} non notés (machine trop occupée) : relancez la même commande pour noter "
                               "ceux-là seulement"},
    "class-per-kata": {"en": "Per kata", "fr": "Par kata"},
    "class-col-rate": {"en": "pass rate", "fr": "taux de réussite"},
    "class-col-passed": {"en": "passed", "fr": "réussis"},
    "class-col-failed": {"en": "failed", "fr": "échoués"},
    "class-col-not-graded": {"en": "not graded", "fr": "non notés"},
    "class-col-not-submitted": {"en": "not submitted", "fr": "non rendus"},
    "class-col-mean": {"en": "mean", "fr": "moyenne"},
    "class-codes": {"en": "Diagnostic codes (students):", "fr": "Codes de diagnostic (élèves) :"},
    "class-worst": {"en": "Checks that fail most:", "fr": "Vérifications qui échouent le plus :"},
    "class-students": {"en": "{count} students", "fr": "{count} élèves"},
    "page-title": {"en": "Class report", "fr": "Rapport de la classe"},
    "page-review-mark": {"en": "reaches into Python's or pytest's internals: read the file",
                         "fr": "touche aux rouages de Python ou de pytest : lisez le fichier"},
    "page-review": {"en": "To read: the file reaches into Python's or pytest's internals, which no solution of "
                          "these katas needs and every known attack on the checker uses:",
                    "fr": "À lire : le fichier touche aux rouages de Python ou de pytest, dont aucune solution de "
                          "ces katas n'a besoin et dont se sert toute attaque connue du vérificateur :"},
    "page-line": {"en": "line {line}", "fr": "ligne {line}"},
    "page-table": {"en": "Class table", "fr": "Tableau de la classe"},
    "page-rates": {"en": "Pass rate per kata", "fr": "Taux de réussite par kata"},
    "page-codes": {"en": "Diagnostic codes per kata", "fr": "Codes de diagnostic par kata"},
    "page-worst": {"en": "Checks that fail most", "fr": "Vérifications qui échouent le plus"},
    "page-students": {"en": "Students", "fr": "Élèves"},
    "page-summary": {"en": "{students} students, {katas} katas. Checker {version}.",
                     "fr": "{students} élèves, {katas} katas. Correcteur {version}."},
    "page-not-graded": {"en": "not graded (busy machine)", "fr": "non noté (machine occupée)"},
    "page-not-submitted": {"en": "not submitted", "fr": "non rendu"},
    "page-max": {"en": "max", "fr": "max"},
    "page-rate": {"en": "{rate} of graded pass ({passed}/{graded})",
                  "fr": "{rate} des copies notées réussissent ({passed}/{graded})"},
    "page-no-failure": {"en": "No failed check.", "fr": "Aucune vérification échouée."},
    "page-code-students": {"en": "code × students", "fr": "code × élèves"},
    "page-check": {"en": "check", "fr": "vérification"},
    "page-students-col": {"en": "students", "fr": "élèves"},
    "page-clone": {"en": "git clone at {commit}", "fr": "clone git à {commit}"},
    "page-folder": {"en": "Folder {folder}, {source}.", "fr": "Dossier {folder}, {source}."},
    "page-graded": {"en": "Graded {at}, checker {checker}, suite {suite}.",
                    "fr": "Noté le {at}, correcteur {checker}, suite {suite}."},
    "class-wrote": {"en": "Wrote {files}.", "fr": "Écrit : {files}."},
    "gradebook-missing": {"en": "No {results} in {out}: give a folder that `kata class grade --out` wrote.",
                          "fr": "Pas de {results} dans {out} : donnez un dossier écrit par `kata class grade --out`."},
    "gradebook-bad-json": {"en": "{path} is not valid JSON ({error}).", "fr": "{path} n'est pas du JSON valide ({error})."},
    "gradebook-format": {"en": "{path} has format {found}; this checker reads {reads}.",
                         "fr": "{path} est au format {found} ; ce correcteur lit {reads}."},
    "merge-nothing": {"en": "Nothing to merge: give the OUT folders of the shards.",
                      "fr": "Rien à fusionner : donnez les dossiers OUT des parts."},
    "merge-other-katas": {"en": "The shards graded different katas; grade every shard with the same --katas.",
                          "fr": "Les parts ont noté des katas différents ; notez chaque part avec le même --katas."},
    "merge-student-twice": {"en": "Student {name} is in two shards with different results.",
                            "fr": "L'élève {name} est dans deux parts avec des résultats différents."},
}
