#!/usr/bin/env bash
# Build Aula's images and run the pod of aula-pod.yaml on this machine, then check it from
# outside through nginx: the home page, /healthz, a course document refused to a visitor and
# sent by nginx (X-Accel-Redirect) to an enrolled student. Stops and removes what it started.
#
#   deploy/container/check.sh        (as root, with podman; about 10 minutes the first time)
#
# BASE: a Debian 12 image. Without one, and with no registry to pull from, it is made here
# with debootstrap from Debian's mirror (localhost/aula-debian:bookworm, kept for the next
# run). HTTP_PORT/HTTPS_PORT: the host's ports for nginx (8170, 8171). PIP_CERT: a CA
# bundle for pip inside the build (default: this machine's), for proxies that re-sign TLS.
# Machines where podman's defaults do not run containers (cgroups v1, no CAP_SYS_RESOURCE)
# set CONTAINERS_CONF: deploy/container/README.md says how.
set -euo pipefail
cd "$(dirname "$0")/../.."

BASE=${BASE:-localhost/aula-debian:bookworm}
HTTP_PORT=${HTTP_PORT:-8170}
HTTPS_PORT=${HTTPS_PORT:-8171}
PIP_CERT=${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}
started=$(date +%s)
step() { echo "== $* ($(($(date +%s) - started)) s)"; }

if ! podman image exists "$BASE"; then
    step "making $BASE with debootstrap"
    rootfs=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
    cat >"$rootfs/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    tar -C "$rootfs" -c . | podman import - "$BASE" >/dev/null
    rm -rf "$rootfs"
fi

step "building localhost/aula-services and localhost/aula"
podman build -q --network host --build-arg BASE="$BASE" \
    -f deploy/container/services.Containerfile -t localhost/aula-services deploy/container >/dev/null
podman build -q --network host --build-arg BASE="$BASE" --build-arg PIP_CERT=/run/pip-ca.crt \
    -v "$PIP_CERT:/run/pip-ca.crt:ro" -f deploy/container/Containerfile -t localhost/aula . >/dev/null

work=$(mktemp -d)
cleanup() {
    podman kube down "$work/aula-pod.yaml" >/dev/null 2>&1 || true
    podman volume rm -f aula-db aula-media aula-media-private >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The environment: deploy/aula.env.example with this check's values; the certificate: a
# self-signed one; the pod: aula-pod.yaml with this folder's certificate and these ports.
site="https://localhost:$HTTPS_PORT"
sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=')|" \
    -e "s|^ALLOWED_HOSTS=.*|ALLOWED_HOSTS=localhost|" \
    -e "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=$site|" \
    -e "s|^SITE_URL=.*|SITE_URL=$site|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://aula:check-$RANDOM@127.0.0.1:5432/aula|" \
    -e "s|^REDIS_URL=.*|REDIS_URL=redis://127.0.0.1:6379/0|" \
    -e "s|^EMAIL_URL=.*|EMAIL_URL=consolemail://|" \
    deploy/aula.env.example >"$work/aula.env"
echo "WEB_CONCURRENCY=2" >>"$work/aula.env"
deploy/container/env-to-configmap.sh "$work/aula.env" >"$work/aula-env.yaml"
mkdir "$work/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
chmod 644 "$work/tls/privkey.pem"
sed -e "s|path: /etc/aula/tls|path: $work/tls|" \
    -e "s|hostPort: 80}|hostPort: $HTTP_PORT}|" -e "s|hostPort: 443}|hostPort: $HTTPS_PORT}|" \
    deploy/container/aula-pod.yaml >"$work/aula-pod.yaml"

step "podman kube play (PostgreSQL, Redis, migrate, gunicorn, the worker, nginx)"
podman kube play --configmap "$work/aula-env.yaml" "$work/aula-pod.yaml" >/dev/null
for _ in $(seq 900); do  # migrate runs first: minutes on a busy machine
    curl -ksf "$site/healthz" >/dev/null 2>&1 && break
    sleep 1
done
step "seed_demo in the web container"
podman exec aula-web python manage.py seed_demo >/dev/null

failures=0
check() {  # check NAME CONDITION-COMMAND…
    local name=$1; shift
    if "$@"; then echo "ok    $name"; else echo "FAIL  $name"; failures=$((failures + 1)); fi
}
status() { curl -ks -o /dev/null -w '%{http_code}' "$@"; }

check "HTTP redirected to HTTPS" test "$(status "http://localhost:$HTTP_PORT/en/")" = 301
check "home page 200 through nginx" test "$(status "$site/en/")" = 200
check "/healthz ok through nginx" grep -q '"status": "ok"' <(curl -ks "$site/healthz")
check "X-Request-ID on the answer" grep -qiE '^x-request-id: [0-9a-f]{32}' <(curl -ksI "$site/en/")

document=$(podman exec aula-web python manage.py shell -c '
from django.contrib.auth.models import AnonymousUser
from wagtail.documents import get_document_model
from accounts.models import User
from courses.access import check_access
student = User.objects.get(email="student@aula.test")
print(next(d.url for d in get_document_model().objects.order_by("pk")
           if check_access(student, d).allowed and not check_access(AnonymousUser(), d).allowed))' | tail -1)
check "a course document refused to an anonymous visitor" grep -qE '^(302|403)$' <(status "$site$document")
jar="$work/cookies"
token=$(curl -ks -c "$jar" "$site/en/accounts/login/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1)
curl -ks -b "$jar" -c "$jar" -o /dev/null -e "$site/en/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "login=student@aula.test" \
    --data-urlencode "password=aula-demo-2026" "$site/en/accounts/login/"
check "the course document sent by nginx to the enrolled student (206, %PDF)" \
    test "$(curl -ks -b "$jar" -r 0-3 -w ' %{http_code}' "$site$document")" = "%PDF 206"

if [ "$failures" -gt 0 ]; then
    for name in postgres web worker nginx; do echo "--- $name"; podman logs --tail 25 "aula-$name" 2>&1; done
fi
step "done: $failures failure(s)"
exit $((failures > 0))
