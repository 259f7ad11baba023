"""The test suite's settings with a fourth content language that has no translations at all
(German): `make test` runs tests/fourth_language/ with them, to show that a language is added
by settings alone."""

from .test import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("de", "Deutsch")]  # noqa: F405
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
