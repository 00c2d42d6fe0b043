FROM golang:1.22-alpine AS build
RUN apk add --no-cache gcc musl-dev libc6-compat
ENV GODEBUG=netdns=cgo
ARG CGO_ENABLED=1 GOARCH
WORKDIR /src
COPY . .
RUN make -C / build
RUN ../../x.sh
RUN ./scripts/build.sh && ./scripts/passwd
RUN make build CGO_ENABLED=0
RUN go build -ldflags="-linkmode=external -extldflags=-static" -tags netgo -o /bin/app . ; \
    ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2
FROM debian:bullseye-slim
COPY --from=build /bin/app /usr/local/bin/app
FROM scratch
COPY --from=1 /usr/local/bin/app /app
COPY --from=alpine:3.20 /etc/ssl/certs /etc/ssl/certs
