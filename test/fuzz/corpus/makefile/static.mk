# Static glibc build, the cargo-cult way.
CGO_ENABLED := 1
GOFLAGS ?= -mod=vendor
TAGS = netgo
EXTLDFLAGS = -static

static:
	CGO_ENABLED=$(CGO_ENABLED) go build -tags '$(TAGS)' \
		-ldflags '-linkmode external -extldflags "$(EXTLDFLAGS)"' \
		-o app .

plugin:
	CGO_ENABLED=0 go build -buildmode=plugin -o p.so ./plugin

ifeq ($(shell uname -m),aarch64)
ARCH := arm64
else
ARCH := amd64
endif

define BUILD_ONE
	GOARCH=$(1) go build -o app-$(1) .
endef

all:
	$(call BUILD_ONE,amd64)
	$(call BUILD_ONE,arm64)
