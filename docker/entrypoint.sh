#!/bin/sh
# What the web container runs: migrate (reference data included), load seeds/, then serve with gunicorn.
# The same commands work outside Docker (tests/test_docker.py runs this script against a local database).
set -e
python manage.py migrate --noinput
python manage.py loadseeds || echo "loadseeds reported failed files (see above); serving what loaded"
exec gunicorn config.wsgi:application \
    --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
    --workers "${GUNICORN_WORKERS:-3}" \
    --access-logfile - \
    --forwarded-allow-ips "*"
