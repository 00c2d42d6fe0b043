# SYNTAX TEST "source.makefile" "CGO Lens injection in Makefiles"
CGO_ENABLED := 0
# <----------- variable.other.env.cgo-lens
#           ^^ keyword.operator.assignment.cgo-lens
#              ^ string.unquoted.env-value.cgo-lens
export GOOS ?= linux # the target
# <------ storage.modifier.export.cgo-lens
#      ^^^^ variable.other.env.cgo-lens
#           ^^ keyword.operator.assignment.cgo-lens
#              ^^^^^ string.unquoted.env-value.cgo-lens
#                    ^^^^^^^^^^^^ - string.unquoted.env-value.cgo-lens
GOFLAGS += -trimpath -mod=vendor
# <------- variable.other.env.cgo-lens
#          ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
GOARCH=amd64
# <------ variable.other.env.cgo-lens
#      ^^^^^ string.unquoted.env-value.cgo-lens
override CC = x86_64-linux-musl-gcc
# <-------- storage.modifier.export.cgo-lens
#        ^^ variable.other.env.cgo-lens
#             ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
LDFLAGS := -s -w
# <------- - variable.other.env.cgo-lens

build:
	CGO_ENABLED=0 GOARCH=$(GOARCH) go build -o bin/app ./cmd/app
#^^^^^^^^^^^ variable.other.env.cgo-lens
#            ^ constant.numeric.cgo-enabled.cgo-lens
#              ^^^^^^ variable.other.env.cgo-lens
#                     ^^^^^^^^^ string.unquoted.env-value.cgo-lens
#                               ^^^^^^^^ keyword.other.go-build.cgo-lens
	$(GO) build ./... && go run ./tools/gen
#      ^^^^^ - keyword.other.go-build.cgo-lens
#                     ^^^^^^ keyword.other.go-build.cgo-lens
