# SYNTAX TEST "source.dockerfile" "CGO Lens injection in Dockerfiles"
FROM golang:1.22 AS build
ARG CGO_ENABLED=0
#   ^^^^^^^^^^^ variable.other.env.cgo-lens
#              ^ keyword.operator.assignment.cgo-lens
#               ^ constant.numeric.cgo-enabled.cgo-lens
ENV GOOS=linux GOARCH=arm64
#   ^^^^ variable.other.env.cgo-lens
#        ^^^^^ string.unquoted.env-value.cgo-lens
#              ^^^^^^ variable.other.env.cgo-lens
#                     ^^^^^ string.unquoted.env-value.cgo-lens
ENV GOFLAGS="-trimpath -buildvcs=false"
#   ^^^^^^^ variable.other.env.cgo-lens
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
ENV CC musl-gcc
#   ^^ variable.other.env.cgo-lens
#      ^^^^^^^^ string.unquoted.env-value.cgo-lens
RUN CGO_ENABLED=1 go build -o /out/app .
#   ^^^^^^^^^^^ variable.other.env.cgo-lens
#               ^ constant.numeric.cgo-enabled.cgo-lens
#                 ^^^^^^^^ keyword.other.go-build.cgo-lens
RUN go install ./cmd/... && /usr/local/go/bin/go test ./...
#   ^^^^^^^^^^ keyword.other.go-build.cgo-lens
#                                             ^^^^^^^ keyword.other.go-build.cgo-lens
# CGO_ENABLED=1 go build in a comment is not marked
# ^^^^^^^^^^^ - variable.other.env.cgo-lens
#               ^^^^^^^^ - keyword.other.go-build.cgo-lens
RUN echo "CGO_ENABLED=1" && cargo build && xx-go build && MYCC=gcc
#         ^^^^^^^^^^^ - variable.other.env.cgo-lens
#                                ^^^^^ - keyword.other.go-build.cgo-lens
#                                             ^^^^^ - keyword.other.go-build.cgo-lens
#                                                         ^^ - variable.other.env.cgo-lens
FROM scratch
#    ^^^^^^^ - keyword.other.go-build.cgo-lens
