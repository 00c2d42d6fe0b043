# syntax=docker/dockerfile:1.7
# escape=`
ARG GO_VERSION=1.22
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION:-1.21}-bookworm AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod `
    --mount=type=bind,source=go.mod,target=go.mod `
    go mod download
RUN <<EOF bash
set -e
export CGO_ENABLED=${CGO:-0}
GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
EOF
RUN <<-EOT sh
	CGO_ENABLED=1 go build -buildmode=pie -o /out/pie .
	EOT
COPY <<EOF /etc/app.conf
key=value
EOF
FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build /out/app /app
COPY --from=build /out/pie /pie
ONBUILD RUN go build -o /x .
ENTRYPOINT ["/app"]
