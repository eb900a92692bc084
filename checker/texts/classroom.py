"""Messages of the Classroom grading job to the student (checker/jobscripts.py, checker/classroom.py): the
names of its preparation steps, what they found (tampered or added files, an edited workflow), why the
checker could not be installed, and the busy-runner warning. Shell-quoted into the exported workflow, in the
export's language; `%s` is filled by the job's printf, so these texts take no `{}` parameters."""

CLASSROOM: dict[str, dict[str, str]] = {
    "job-busy": {
        "en": "The runner was too busy to measure some checks of this kata (busy-machine), even after retries: "
              "that is not your mistake, and those checks were not graded. Re-run the job: on GitHub, open the "
              "Actions tab, this run, then Re-run jobs > Re-run all jobs (or push a new commit).",
        "fr": "La machine de correction était trop occupée pour mesurer certaines vérifications de ce kata "
              "(busy-machine), même après plusieurs essais : ce n’est pas votre erreur, et elles n’ont pas été "
              "notées. Relancez le travail : sur GitHub, onglet Actions, cette exécution, puis « Re-run jobs » > "
              "« Re-run all jobs » (ou poussez un nouveau commit).",
    },
    "job-edited": {
        "en": "This grading workflow is not the one your teacher shipped: it was edited. Your teacher sees it, and "
              "grades the class from their side with the original one. Put the file back as it was.",
        "fr": "Ce workflow de correction n'est pas celui fourni par votre enseignant : il a été modifié. Votre "
              "enseignant le voit, et note la classe de son côté avec l'original. Remettez le fichier tel qu'il "
              "était.",
    },
    "job-added": {
        "en": "%s was added under .github/: it is not part of the grading, and your teacher sees it.",
        "fr": "%s a été ajouté sous .github/ : il ne fait pas partie de la correction, et votre enseignant le "
              "voit.",
    },
    "job-restore-step": {"en": "Restore the grading files", "fr": "Restaurer les fichiers de correction"},
    "job-install-step": {"en": "Install the checker", "fr": "Installer le correcteur"},
    "job-tampered": {
        "en": "Kata %s cannot be graded [tampered]: %s is not the file your teacher shipped, and this repository's "
              "history no longer holds the original. Do not rewrite the history of the repository (no force-push "
              "over its first commit); ask your teacher to restore it.",
        "fr": "Le kata %s ne peut pas être corrigé [tampered] : %s n'est pas le fichier fourni par votre "
              "enseignant, et l'historique du dépôt ne contient plus l'original. Ne réécrivez pas l'historique du "
              "dépôt (pas de force-push par-dessus son premier commit) ; demandez à votre enseignant de le "
              "rétablir.",
    },
    "job-ignored": {
        "en": "Only your kata files are graded. For grading, these other files were set back to what your "
              "teacher shipped (M: your change undone; D: removed):",
        "fr": "Seuls vos fichiers de kata sont corrigés. Pour la correction, ces autres fichiers ont été remis "
              "tels que votre enseignant les a fournis (M : votre modification annulée ; D : supprimé) :",
    },
    "job-install-failed-title": {"en": "Install failed", "fr": "Installation impossible"},
    "job-venv-failed": {
        "en": "Could not create the virtual environment (python3 -m venv .venv): no kata can be graded. "
              "This is not your mistake: tell your teacher.",
        "fr": "Impossible de créer l'environnement virtuel (python3 -m venv .venv) : aucun kata ne peut être "
              "corrigé. Ce n'est pas votre erreur : prévenez votre enseignant.",
    },
    "job-pip-failed": {
        "en": "Could not install the checker and its pinned dependencies (requirements.lock): no kata can be "
              "graded. Its log is in the step 'Install the checker'. This is not your mistake: tell your teacher.",
        "fr": "Impossible d'installer le correcteur et ses dépendances figées (requirements.lock) : aucun kata ne "
              "peut être corrigé. Son journal est dans l'étape « Installer le correcteur ». Ce n'est pas votre "
              "erreur : prévenez votre enseignant.",
    },
    "job-start-failed": {
        "en": "The checker does not start with the reduced environment of Classroom's grader steps (only PATH "
              "and HOME): no kata can be graded. This is not your mistake: tell your teacher.",
        "fr": "Le correcteur ne démarre pas dans l'environnement réduit des étapes de correction de Classroom "
              "(PATH et HOME seulement) : aucun kata ne peut être corrigé. Ce n'est pas votre erreur : prévenez "
              "votre enseignant.",
    },
}
