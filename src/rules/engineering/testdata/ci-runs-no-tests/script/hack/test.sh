#!/usr/bin/env bash
set -euo pipefail

run() { echo "+ $*"; "$@"; }
run go test ./...
