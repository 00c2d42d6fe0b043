GO ?= go
BIN := bin/app
VERSION := $(shell git describe --tags 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
export CGO_ENABLED = 0

.PHONY: build test release clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/app

test: CGO_ENABLED=1
test:
	$(GO) test -race ./...

release: build
	GOOS=linux GOARCH=arm64 $(GO) build -o $(BIN)-arm64 ./cmd/app

clean:
	rm -rf bin/
