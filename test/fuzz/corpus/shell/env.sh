#!/bin/sh
# Sourced by the Dockerfile before the build.
set -a
CGO_ENABLED=1
CC=${CC:-gcc}
set +a
CGO_ENABLED=false go build -o /out/app .
env CGO_ENABLED=1 GOARCH=arm64 go build -race -o /out/app-arm64 .
cat <<-EOF > /tmp/ldflags
	-linkmode external
	-extldflags -static
	EOF
case "$(uname -m)" in
  x86_64) GOARCH=amd64 ;;
  aarch64) GOARCH=arm64 ;;
  *) echo "unsupported" >&2; exit 1 ;;
esac
export GOARCH
(cd cmd/app && go install -buildmode=pie ./...)
