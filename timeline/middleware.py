"""Answers that hold for every page, the API and the admin alike.

- ``DatabaseUnavailableMiddleware`` (a view's exception) and the throttles (their own reads): while the database
  is down or restarting, every view answers 503 with ``Retry-After`` (JSON under ``/api/``, a short HTML page
  elsewhere), never a 500: the client may retry, and ``/healthz`` says the same. The API's exception handler
  does this for DRF views; this catches the pages and the admin.
- ``AnonymousThrottleMiddleware``: the reader's pages (``/``, ``/articles/<id>/``) count against the same
  anonymous budget as the API (``API_ANON_RATE``, DRF's ``AnonRateThrottle``), in the shared cache.
- ``LoginThrottleMiddleware``: after ``LOGIN_FAILURE_LIMIT`` wrong passwords from one address within
  ``LOGIN_FAILURE_WINDOW`` seconds, the admin login answers 429 with ``Retry-After`` until the window ends; a
  successful login clears the count. The counts live in the shared cache (``CACHES``), so every gunicorn worker
  and every machine behind the load balancer sees the same numbers.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from timeline.api.exceptions import RETRY_AFTER_SECONDS

UNAVAILABLE_MESSAGE = "The database is unavailable at the moment; retry shortly."
UNAVAILABLE_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Unavailable</title>"
    "<h1>Temporarily unavailable</h1><p>The timeline's database cannot be reached at the moment. "
    "Please retry in a few seconds.</p></html>"
)


def unavailable_response(request) -> HttpResponse:
    """The 503 for a request that needed the database while it was out of reach."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": UNAVAILABLE_MESSAGE}, status=503)
    else:
        response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return unavailable_response(request)
        return None


def too_many_requests(request, wait: float | None) -> HttpResponse:
    seconds = max(1, math.ceil(wait or 1))
    message = f"Too many requests; retry in {seconds} seconds."
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


class AnonymousThrottleMiddleware:
    """The API's anonymous throttle applied to the reader's pages (the API throttles itself through DRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._throttled_path(request.path) and settings.API_ANON_RATE.lower() != "off":
            throttle = AnonRateThrottle()
            try:
                # Reads the user (the session table) and the count (the cache, maybe the database).
                allowed = throttle.allow_request(request, None)
            except (OperationalError, InterfaceError):
                return unavailable_response(request)
            if not allowed:
                return too_many_requests(request, throttle.wait())
        return self.get_response(request)

    @staticmethod
    def _throttled_path(path: str) -> bool:
        return path == "/" or path.startswith("/articles/")


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        key = "login-failures:" + hashlib.sha256(AnonRateThrottle().get_ident(request).encode()).hexdigest()
        try:
            failures = cache.get(key) or []
        except (OperationalError, InterfaceError):
            return unavailable_response(request)
        now = time.time()
        window = settings.LOGIN_FAILURE_WINDOW
        failures = [moment for moment in failures if moment > now - window]
        if len(failures) >= settings.LOGIN_FAILURE_LIMIT:
            return too_many_requests(request, failures[0] + window - now)
        response = self.get_response(request)
        try:
            if response.status_code == 200:
                # The admin shows its form again on a wrong password (a success redirects).
                cache.set(key, [*failures, now], window)
            elif 300 <= response.status_code < 400:
                cache.delete(key)
        except (OperationalError, InterfaceError):
            return unavailable_response(request)
        return response
