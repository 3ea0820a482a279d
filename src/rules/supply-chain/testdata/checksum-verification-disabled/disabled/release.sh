#!/bin/sh
set -eu
export GOSUMDB="${GOSUMDB:-off}"
go build -trimpath -o dist/svc ./cmd/svc
