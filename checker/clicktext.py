"""The `kata` command's help, usage and errors in French: click's own texts (which it reads through gettext)
and the help of every command and option, put in place before the command line is parsed."""

from __future__ import annotations

import sys

import click

CLICK_FR = {
    "Usage:": "Utilisation :",
    "Options": "Options ",  # click adds the colon: French typography wants a space before it
    "Commands": "Commandes ",
    "Show this message and exit.": "Affiche ce message et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "No such command {name!r}.": "Pas de commande {name!r}.",
    "No such option: {name}": "Pas d'option {name}",
    "No such option {name!r}.": "Pas d'option {name!r}.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option {name!r} demande {nargs} valeurs.",
    "Got unexpected extra argument ({args})": "Argument en trop : ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop : ({args})",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas parmi {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Possible options: {possibilities})": "(options possibles : {possibilities})",
    "Aborted!": "Abandon.",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
}

HELP_FR = {
    "": "Katas de concurrence : lisez un kata, écrivez le code, `kata check NN`.\n\n"
        "Sans commande : où vous en êtes et quoi faire ensuite.",
    "--lang": "Langue des textes : en ou fr (par défaut : KATA_LANG, puis la locale).",
    "--version": "Affiche la version et quitte.",
    "list": "Tous les katas, leur état et leurs points.",
    "show": "L'énoncé de KATA (par défaut : le kata suivant), paginé s'il dépasse le terminal.",
    "check": "Note KATA (par défaut : le kata suivant ; code de sortie 0 réussi, 1 pas encore, 2 mauvais usage).",
    "check --file": "Note ce fichier au lieu de celui du kata (la progression n'est pas enregistrée).",
    "check --json": "Affiche un seul objet JSON et rien d'autre.",
    "check --format": "text (par défaut), json (comme --json) ou exercism (results.json version 3).",
    "check --timeline": "Écrit aussi la chronologie de la vérification en image : "
                        ".kata/timelines/kata-NN-timeline.svg (ou .html).",
    "check --task": "Note une tâche de KATA (kata.toml [[tasks]]) : sortie 0 seulement si ses vérifications passent.",
    "check --seed": "Rejoue l'ordonnancement de changements de thread forcés qu'un rapport de course a nommé "
                    "(par ex. 0x3f2a).",
    "grade": "Note chaque kata (ou --katas) sur les fichiers de katas/ ; sortie 0 seulement si tous passent.",
    "grade --katas": "Katas séparés par des virgules (par défaut : tous).",
    "grade --format": "text (un tableau), json, junit (XML), classroom (une entrée par étape de notation) "
                      "ou exercism (results.json version 3).",
    "grade --jobs": "Katas notés en même temps (par défaut : le nombre de cœurs).",
    "hint": "L'indice suivant pour KATA (par défaut : le kata suivant), un de plus à chaque fois.",
    "next": "Le premier kata pas encore réussi.",
    "watch": "Revérifie KATA (par défaut : le suivant) à chaque sauvegarde. Ctrl-C pour arrêter.",
    "progress": "Ce qui est fait, les essais, les indices, le dernier résultat.",
    "progress --format": "text (par défaut), json ou csv : essais, temps jusqu'à la première réussite, indices "
                         "utilisés, codes fréquents.",
    "solution": "La solution de référence de KATA à côté de votre fichier, une fois le kata réussi.",
    "reset": "Remet le squelette de KATA (votre fichier est gardé dans .kata/backups/).",
    "verify": "Enseignants : chaque solution passe, chaque squelette échoue, chaque erreur connue reçoit son code.",
    "verify --katas": "Katas séparés par des virgules (par défaut : tous).",
    "verify --jobs": "Vérifications lancées en même temps, parmi les cas qui peuvent partager la machine "
                     "(par défaut : trois par cœur).",
    "verify --repeat": "Lance chaque cas autant de fois : un verdict qui change d'une fois à l'autre échoue.",
    "verify --only": "Seulement les cas qui peuvent partager la machine, ou seulement ceux qui mesurent le temps "
                     "réel et tournent seuls (par défaut : les deux).",
    "verify --json": "Affiche un seul objet JSON (chaque cas) et rien d'autre.",
    "export": "Enseignants : écrit un dépôt d'élève pour GitHub Classroom dans DEST (un dossier neuf ou vide).",
    "export --katas": "Katas à livrer, séparés par des virgules, par ex. 01,02 (par défaut : tous).",
    "export --with-solutions": "Livre aussi solutions/ (copie d'enseignant ; ne jamais la donner aux élèves).",
    "export --lang": "Langue du README.md de l'élève et des messages de notation : en ou fr (par défaut : "
                     "KATA_LANG, puis la locale). L'autre langue est écrite aussi.",
    "export --python": "Python du workflow de notation (actions/setup-python ; par défaut : le plus récent sur "
                       "lequel le correcteur est testé).",
    "export --update": "DEST est un dépôt d'élève existant (un clone) : rafraîchit ses fichiers de notation et son "
                       "workflow, garde les fichiers de kata de l'élève.",
    "new": "Enseignants : crée le kata NUMBER nommé SLUG, un petit exemple complet à remplacer par votre kata.",
    "new --template": "L'exemple de départ : des coroutines (asyncio) ou des threads.",
    "class": "Enseignants : notez toute une classe de votre côté (carnet de notes, statistiques, rapport).",
    "class grade": "Note chaque dossier d'élève de CLASS_DIR (clones git ou simples fichiers) avec vos propres "
                   "suites.",
    "class grade --out": "Dossier pour grades.csv, results.json, report.html et le cache des verdicts.",
    "class grade --katas": "Katas séparés par des virgules (par défaut : tous).",
    "class grade --jobs": "Vérifications lancées en même temps, parmi les katas qui peuvent partager la machine "
                          "(par défaut : trois par cœur).",
    "class grade --shard": "Note seulement la part i sur n des élèves, par ex. 2/4.",
    "class merge": "Réunit les dossiers OUT des parts en un seul carnet de notes dans --out.",
    "class stats": "Le tableau et les statistiques de la classe d'un dossier OUT déjà noté, sans noter.",
    "class workflow": "Affiche le workflow GitHub Actions qui note une classe sur les machines de GitHub, par parts.",
    "class workflow --shards": "Parts notées en même temps (par défaut 4).",
    "class workflow --katas": "Katas séparés par des virgules (par défaut : tous).",
}


def language_asked(argv: list[str]) -> str:
    """The language of this command line, before click parses it: --lang, else KATA_LANG, else the locale."""
    from checker.i18n import choose_language

    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return choose_language(explicit if explicit and explicit.lower() in ("en", "fr") else None)


def _gettext(message: str) -> str:
    return CLICK_FR.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def speak(lang: str, group: click.Group) -> None:
    """Put click's texts and the commands' help in `lang` (English is what they are written in)."""
    if lang != "fr":
        return
    for name in ("core", "exceptions", "formatting", "types", "parser", "decorators", "termui"):
        module = sys.modules.get(f"click.{name}")
        if module is not None and hasattr(module, "_"):
            module._ = _gettext
            if hasattr(module, "ngettext"):
                module.ngettext = _ngettext
    _translate(group, "")


def _translate(command: click.Command, name: str) -> None:
    """`command` (named `name`, "class grade" for a subcommand) and, for a group, its commands."""
    for sub, child in getattr(command, "commands", {}).items():
        _translate(child, f"{name} {sub}".strip())
    if name in HELP_FR:
        command.help = HELP_FR[name]
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            key = f"{name} {param.opts[0]}".strip()
            param.help = HELP_FR.get(key) or HELP_FR.get(param.opts[0]) or param.help
