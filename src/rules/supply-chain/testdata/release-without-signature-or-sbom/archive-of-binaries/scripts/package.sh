#!/bin/sh
set -eu
mkdir -p release
CGO_ENABLED=0 go build -trimpath -o dist/tool ./cmd/tool
tar -czf "release/tool-chart-${VERSION}.tgz" -C dist .
