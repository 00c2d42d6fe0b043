#!/usr/bin/env bash
set -euo pipefail

: "${VERSION:=dev}"
export GOFLAGS="-trimpath"

build() {
  local os="$1" arch="$2"
  CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" go build \
    -ldflags "-s -w -X main.version=${VERSION}" \
    -o "dist/app-${os}-${arch}" ./cmd/app
}

for target in linux/amd64 linux/arm64 darwin/arm64; do
  build "${target%/*}" "${target#*/}"
done

if [[ "${STATIC:-}" == "1" ]]; then
  go build -ldflags '-extldflags "-static"' -o dist/app-static .
fi
