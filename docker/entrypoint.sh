#!/bin/sh
# What the web container runs: migrate (reference data included), load seeds/, then serve with gunicorn.
# The same commands work outside Docker (tests/test_docker.py runs this script against a local database).
# gunicorn's settings are in config/gunicorn.py: threaded workers (gthread), so streaming exports of any size
# finish (a sync worker is killed after 30 s); GUNICORN_WORKERS, GUNICORN_THREADS and GUNICORN_TIMEOUT tune it.
set -e
python manage.py migrate --noinput
python manage.py loadseeds || echo "loadseeds reported failed files (see above); serving what loaded"
exec gunicorn config.wsgi:application \
    --config config/gunicorn.py \
    --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
    --forwarded-allow-ips "*"
