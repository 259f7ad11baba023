"""The sign-in lockout (django-axes): per user name and address, and per address alone.

Axes compares every lockout parameter set with the one AXES_FAILURE_LIMIT, so adding
``"ip_address"`` to AXES_LOCKOUT_PARAMETERS would lock a whole office behind one NAT after five
typos of different people, while leaving it out lets one address try a password against any
number of user names. The handler below keeps axes' lock of a (user name, address) pair and
adds a second, higher limit per address, AXES_ADDRESS_FAILURE_LIMIT, counted over the same
records within the same cool-off, so that ``manage.py axes_reset`` and the admin's list of
attempts see and lift it too.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


class AddressLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, which also locks an address after AXES_ADDRESS_FAILURE_LIMIT
    failures within the cool-off, whatever the user names (0 turns that off).

    One more query per sign-in attempt, and per failure. A request locked this way carries the
    limit in ``request.axes_address_lockout``, for the lockout page to say why.
    """

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.is_address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        """Axes records the failure and locks the pair at its limit; the address's count,
        this failure included, may lock the address."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if (
            request is None
            or getattr(request, "axes_locked_out", False)
            or self.is_whitelisted(request, credentials)
            or not self.is_address_locked(request)
        ):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )

    def is_address_locked(self, request) -> bool:
        limit = getattr(settings, "AXES_ADDRESS_FAILURE_LIMIT", 0)
        if limit <= 0 or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        failures = attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
        if failures < limit:
            return False
        request.axes_address_lockout = limit
        return True
