module example.com/app

go 1.22.3

toolchain go1.23.4

require (
	github.com/mattn/go-sqlite3 v1.14.22
	github.com/confluentinc/confluent-kafka-go/v2 v2.3.0
	modernc.org/sqlite v1.29.0 // indirect
)

require github.com/DataDog/zstd v1.5.5

replace github.com/mattn/go-sqlite3 => ../go-sqlite3

exclude example.com/bad v1.0.0
