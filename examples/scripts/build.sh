#!/bin/sh
# A release script with two classic mistakes.
set -eu

# CGO204: `&&` leaves CGO_ENABLED a shell variable; `go build` never sees it. Write `export CGO_ENABLED=0`.
CGO_ENABLED=0 && go build -o bin/app ./cmd/app

# CGO207: exported for everything below, including the race detector, which needs cgo.
export CGO_ENABLED=0
go build -o bin/tool ./cmd/tool
go test -race ./...
