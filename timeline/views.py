"""Plain Django views: the health check (the timeline pages live in timeline/pages.py)."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    """200 with the database's status when it answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": {"vendor": connection.vendor, "ok": False, "error": str(error)[:200]}},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": {"vendor": connection.vendor, "ok": True}})
