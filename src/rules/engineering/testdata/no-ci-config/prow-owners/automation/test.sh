#!/usr/bin/env bash
# run by the presubmit job defined in the organisation's CI repository
set -euo pipefail
go test ./...
