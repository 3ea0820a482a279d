#!/usr/bin/env bash
unit() {
    docker run --rm -v "$(pwd)":/src -w /src golang:1.26 /bin/sh -c \
    "go test -timeout 60s ./cmd/... ./pkg/..."
}

lint() {
    echo lint
}
