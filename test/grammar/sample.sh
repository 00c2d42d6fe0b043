# SYNTAX TEST "source.shell" "CGO Lens injection in shell scripts"
#!/bin/sh
export CGO_ENABLED=1
# <------ storage.modifier.export.cgo-lens
#      ^^^^^^^^^^^ variable.other.env.cgo-lens
#                  ^ constant.numeric.cgo-enabled.cgo-lens
CC=aarch64-linux-gnu-gcc GOOS=linux GOARCH=arm64 go build -ldflags '-s -w' ./cmd/app
# <-- variable.other.env.cgo-lens
#  ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
#                        ^^^^ variable.other.env.cgo-lens
#                                   ^^^^^^ variable.other.env.cgo-lens
#                                                ^^^^^^^^ keyword.other.go-build.cgo-lens
CGO_ENABLED=0 && go test ./...
# <----------- variable.other.env.cgo-lens
#          ^ keyword.operator.assignment.cgo-lens
#           ^ constant.numeric.cgo-enabled.cgo-lens
#                ^^^^^^^ keyword.other.go-build.cgo-lens
GOFLAGS="-tags=netgo,osusergo" go install .
# <------- variable.other.env.cgo-lens
#       ^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
#                              ^^^^^^^^^^ keyword.other.go-build.cgo-lens
CGO_ENABLED=${CGO_ENABLED:-0} go build .
# <----------- variable.other.env.cgo-lens
#            ^^^^^^^^^^^^^^^^ string.unquoted.env-value.cgo-lens
echo "$CC" 'GOOS=linux' # GOOS=linux
#      ^^ - variable.other.env.cgo-lens
#            ^^^^ - variable.other.env.cgo-lens
#                         ^^^^ - variable.other.env.cgo-lens
if [ "$GOARCH" = amd64 ]; then go vet ./...; fi
#                              ^^^^^^ - keyword.other.go-build.cgo-lens
