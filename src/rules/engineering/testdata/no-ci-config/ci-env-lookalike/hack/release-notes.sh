#!/usr/bin/env bash
# In CI one would pass PULL_NUMBER or ${PULL_BASE_SHA} here; locally we use the last tag.
set -euo pipefail
git describe --tags
