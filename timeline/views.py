"""Plain Django views: the health check (the timeline pages live in timeline/pages.py)."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _is_staff(request) -> bool:
    try:
        return bool(request.user.is_staff)
    except DatabaseError:  # the session cannot be read while the database is down
        return False


@require_GET
@never_cache
def healthz(request):
    """200 with the database's status when it answers a query, 503 when it does not (the driver's error text only
    for staff: anonymous callers learn nothing about the database's host or users)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        database = {"vendor": connection.vendor, "ok": False}
        if _is_staff(request):
            # The driver's message names hosts, ports and users: for operators only.
            database["error"] = str(error)[:200]
        return JsonResponse({"status": "error", "database": database}, status=503, headers={"Retry-After": "5"})
    return JsonResponse({"status": "ok", "database": {"vendor": connection.vendor, "ok": True}})
