#!/usr/bin/env bash
# shellcheck source=/dev/null
source "$GITHUB_WORKSPACE"/scripts/build_funcs.sh
