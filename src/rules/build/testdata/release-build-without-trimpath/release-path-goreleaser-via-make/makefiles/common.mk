GO_BUILD_FLAGS ?= -ldflags "-s -w"

## Build the tools into bin/ (developers and the pull-request pipeline)
.PHONY: build
build:
	CGO_ENABLED=0 go build $(GO_BUILD_FLAGS) -o bin/app ./cmd/app
	CGO_ENABLED=0 go build $(GO_BUILD_FLAGS) -o bin/app-ls ./cmd/app-ls

## Install the tools on the host
.PHONY: install
install:
	go install $(GO_BUILD_FLAGS) ./cmd/app

## Publish a release
.PHONY: release
release:
	./scripts/release.sh --clean
