"""Write meetings/admin_catalogue.py: the messages of Wagtail and wagtail-localize that their
installed releases leave untranslated in Polish, and those whose Polish translation does not
read (RETRANSLATED), as gettext calls, so that `make messages` puts them in the plugin's
catalogue (which Django reads before theirs) for translation.

Run it after upgrading Wagtail or wagtail-localize, then `make messages` and translate what is
new in meetings/locale/pl/LC_MESSAGES/django.po.
"""

import json
import sys
from pathlib import Path

import polib
import wagtail
import wagtail_localize

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "meetings" / "admin_catalogue.py"
HEADER = '''"""Messages of Wagtail and wagtail-localize that their installed releases leave
untranslated in Polish, or translate so that they do not read, listed so that makemessages
puts them in this app's catalogue, which Django reads before theirs. Never executed; written
by scripts/admin_catalogue.py."""

# ruff: noqa: E501, F401

from django.utils.translation import gettext, ngettext, npgettext, pgettext


def strings():
    return [
'''


# Wagtail's Polish puts a workflow's or a task's name where Polish needs another case
# ("Wyślij do Akceptacja moderatora"), says "send" for "sent", and gives a masculine "ten"
# to whatever model it names ("Ten strona aktualnie oczekuje na moderację", "Wybierz inny
# miejsce"), and one plural to any number ("6 miejsce usunięty"). The plugin's catalogue
# translates them again: names of workflows and tasks in quotation marks, "treść" (content)
# for the object or the model's name after a colon, whatever its gender, and numbers where
# no noun has to agree with them. Entries of two messages are a singular and its plural.
RETRANSLATED = [
    "%(model_name)s '%(object)s' created.",
    "%(model_name)s '%(object)s' deleted.",
    "%(model_name)s '%(object)s' updated.",
    "Add %(model_name)s",
    "Anyone can edit this %(model_name)s",
    "Anyone can edit this %(model_name)s – lock it to prevent others from editing",
    "Are you sure you want to delete this %(model_name)s?",
    "Are you sure you want to unpublish this %(model_name)s?",
    "Choose when this %(model_name)s should go live and/or expire",
    "Create a new %(model_name)s",
    "New: %(model_name)s",
    "No one can make changes while the %(model_name)s is locked",
    "One or more references to this %(model_name)s prevent it from being deleted.",
    "Only %(user)s can make changes while the %(model_name)s is locked",
    "Only reviewers for this task can edit the %(model_name)s.",
    "Only you can make changes while the %(model_name)s is locked",
    "Publish %(model_name)s",
    "Publishing this %(model_name)s will cancel the current workflow.",
    "Resubmit to %(task_name)s",
    "Sent to %(task_name)s %(started_at)s",
    "Submit to %(workflow_name)s",
    'The %(model_name)s "%(title)s" has been approved in "%(task)s".',
    'The %(model_name)s "%(title)s" has been approved in "%(workflow)s".',
    'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".',
    'The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".',
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.',  # noqa: E501
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".',  # noqa: E501
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s".',
    'The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".',
    'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".',
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"',
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".',  # noqa: E501
    'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".',  # noqa: E501
    'The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"',
    "The %(model_name)s could not be created due to errors.",
    "The %(model_name)s could not be saved due to errors.",
    "This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.",  # noqa: E501
    "This %(model_name)s is currently awaiting moderation.",
    "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.",  # noqa: E501
    "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow.",
    "Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s",
    "Would you still like to publish this %(model_name)s?",
    "You can edit the %(model_name)s here:",
    "You can preview the %(model_name)s here:",
    "the %(model_name)s will also be deleted",
    "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}",
    # The header of every form that creates a page or a snippet, the model's name beside it
    # ("Nowy: Miejsce").
    "New",
    # Moderation's actions and reports, the search field, the account: a noun for a verb
    # ("Żądania zmian"), "tą" for "tę", a capital mid-sentence, English left as it was.
    "Request changes",
    "%(label)s and Publish",
    "Would you still like to publish this page?",
    "Live version",
    "By task",
    "By workflow",
    "Search term",
    "Profile",
    # The snippet chooser, the usage listing and the snippets' deletion.
    "Choose %(object)s",
    "Choose another %(object)s",
    "Edit this %(object)s",
    "(Private %(object)s)",
    "Delete %(snippet_type_name)s",
    "Are you sure you want to delete this %(snippet_type_name)s?",
    "Are you sure you want to delete %(count)s %(snippet_type_name)s?",
    "You don't have permission to delete this %(snippet_type_name)s",
    'You haven\'t created any %(snippet_type_name)s snippets. Why not <a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">create one now</a>?',  # noqa: E501
    ("%(count)d %(model_name)s deleted.", "%(count)d %(model_name)s deleted."),
    (
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
    ),
    # wagtail-localize's translation of snippets.
    "Translate {model_name}",
    "The {model_name} '{object}' was successfully submitted for translation into {locales}",
    # The listings' bulk selection: a number before a plural that Polish declines by number.
    "%(objects)s pages selected",
    "All %(objects)s pages on this screen selected",
    "%(objects)s snippets selected",
    "All %(objects)s snippets on this screen selected",
    "%(objects)s items selected",
    "All %(objects)s items on this screen selected",
    "%(objects)s documents selected",
    "All %(objects)s documents on this screen selected",
    "%(objects)s images selected",
    "All %(objects)s images on this screen selected",
]


def literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def call(entry) -> str:
    if entry.msgid_plural:
        args = [literal(entry.msgid), literal(entry.msgid_plural), "1"]
        if entry.msgctxt:
            return f"npgettext({literal(entry.msgctxt)}, {', '.join(args)})"
        return f"ngettext({', '.join(args)})"
    if entry.msgctxt:
        return f"pgettext({literal(entry.msgctxt)}, {literal(entry.msgid)})"
    return f"gettext({literal(entry.msgid)})"


def retranslated(message: str | tuple[str, str]) -> str:
    if isinstance(message, tuple):
        return f"ngettext({', '.join(map(literal, message))}, 1)"
    return f"gettext({literal(message)})"


def untranslated(source: Path) -> list:
    polish = source.parent.parent.parent / "pl" / "LC_MESSAGES" / "django.po"
    done = set()
    if polish.exists():
        done = {
            (e.msgctxt, e.msgid)
            for e in polib.pofile(str(polish))
            if e.translated() and "fuzzy" not in e.flags
        }
    entries = [
        e for e in polib.pofile(str(source)) if not e.obsolete and (e.msgctxt, e.msgid) not in done
    ]
    return sorted(entries, key=lambda e: (e.msgctxt or "", e.msgid))


def main() -> int:
    lines = [HEADER]
    total = 0
    for package in (wagtail, wagtail_localize):
        base = Path(package.__file__).parent
        for source in sorted(base.glob("**/locale/en/LC_MESSAGES/django.po")):
            entries = untranslated(source)
            if not entries:
                continue
            name = source.relative_to(base.parent).parts[:-4]
            lines.append(f"        # {'/'.join(name)}\n")
            lines.extend(f"        {call(entry)},\n" for entry in entries)
            print(f"{len(entries):4} {'/'.join(name)}")
            total += len(entries)
    lines.append("        # translated by Wagtail, again by the plugin\n")
    lines.extend(f"        {retranslated(message)},\n" for message in RETRANSLATED)
    total += len(RETRANSLATED)
    lines.append("    ]\n")
    TARGET.write_text("".join(lines))
    print(f"{total} messages in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
