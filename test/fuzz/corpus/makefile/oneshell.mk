.ONESHELL:
SHELL := /bin/bash
PLATFORMS := linux/amd64 linux/arm64 windows/amd64

cross:
	set -e
	for p in $(PLATFORMS); do
	  GOOS=$${p%/*} GOARCH=$${p#*/} go build -o dist/app-$${p%/*}-$${p#*/} .
	done

env-leak:
	CGO_ENABLED=0 && go build -o app .
	export CGO_ENABLED=0
	go env -w CGO_ENABLED=0

sanitize:
	CGO_ENABLED=0 go test -msan ./...
