"""System checks of our own, run by ``manage.py check`` (``--deploy`` for the deployment ones)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

# Words that mark a key someone meant to replace (the compose file's default, docs, examples).
PLACEHOLDER_WORDS = (
    "change-me",
    "changeme",
    "change_me",
    "replace-me",
    "replace_me",
    "placeholder",
    "not-secret",
    "insecure",
    "before-deploying",
)
MIN_SECRET_KEY_LENGTH = 50


@register(Tags.security, deploy=True)
def secret_key_is_not_a_placeholder(app_configs, **kwargs):
    """A deployment must not run on a placeholder or short secret key (Django's own W009 only looks at length
    and variety, which a sentence such as "change-me-to-a-long-random-string-before-deploying" passes)."""
    key = str(settings.SECRET_KEY)
    lowered = key.lower()
    if any(word in lowered for word in PLACEHOLDER_WORDS) or len(key) < MIN_SECRET_KEY_LENGTH:
        return [
            Error(
                "DJANGO_SECRET_KEY is a placeholder or shorter than 50 characters.",
                hint="Set DJANGO_SECRET_KEY to a long random string, for example the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="timeline.E001",
            )
        ]
    return []
