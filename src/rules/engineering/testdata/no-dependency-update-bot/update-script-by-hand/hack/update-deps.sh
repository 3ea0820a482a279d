#!/bin/sh -e
# Run by hand once in a while; nothing runs it on a schedule and it commits nothing.
go get -u ./...
go mod tidy
