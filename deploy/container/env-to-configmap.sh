#!/bin/sh
# A ConfigMap named aula-env (for `podman kube play --configmap`) from an environment file
# written like deploy/aula.env.example: one KEY=value a line, comments and blank lines skipped.
#   deploy/container/env-to-configmap.sh /etc/aula/aula.env > aula-env.yaml
set -eu
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aula-env\ndata:\n'
grep -E '^[A-Z][A-Z0-9_]*=' "${1:?usage: env-to-configmap.sh ENV_FILE}" | while IFS= read -r line; do
    key=${line%%=*} value=${line#*=}
    value=$(printf '%s' "$value" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf '  %s: "%s"\n' "$key" "$value"
done
