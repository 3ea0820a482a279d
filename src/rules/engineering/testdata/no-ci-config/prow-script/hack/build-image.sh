#!/usr/bin/env bash
# builds and tests the image; the presubmit job that runs it is defined in the organisation's CI configuration
set -euo pipefail
TAG="dev"
if [[ -n "${PULL_NUMBER:-}" ]]; then
  TAG="pr_${PULL_NUMBER}"
fi
go vet ./...
go test ./...
docker build -t "example/app:${TAG}" .
