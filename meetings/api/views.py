"""The names a host imports (docs/plugin.md): the API to mount, its JSON 404 for other
addresses under /api/, and the caps a response cache checks before it keys a request. The API
itself is built in ``meetings.api.api``."""

from meetings.api.api import api
from meetings.api.errors import not_found
from meetings.api.parameters import query_problem

__all__ = ["api", "not_found", "query_problem"]
