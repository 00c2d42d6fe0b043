#!/bin/bash
go env -w CGO_ENABLED=0
GODEBUG=netdns=cgo ./app &
while read -r pkg; do
  echo "building $pkg"
  CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOARCH=arm64 go build -buildmode=c-shared -o "lib/$pkg.so" "./$pkg"
done < <(go list ./... | grep -v /vendor/)
x=$(( $(nproc) * 2 ))
go build -a -installsuffix cgo -tags "netgo osusergo" -p "$x" -o app .
