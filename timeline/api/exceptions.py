"""API error answers beyond DRF's own: an unreachable database is a 503 to retry, not a 500."""

from django.db import InterfaceError, OperationalError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

RETRY_AFTER_SECONDS = 5


def exception_handler(exc, context):
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is restarting or out of reach: the client may retry; /healthz says the same.
        return Response(
            {"detail": "The database is unavailable at the moment; retry shortly."},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return drf_exception_handler(exc, context)
