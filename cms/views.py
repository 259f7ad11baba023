"""Project-wide views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    """For load balancers (and as the benchmarks' baseline): the app process answers, without
    touching the database or the cache."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
