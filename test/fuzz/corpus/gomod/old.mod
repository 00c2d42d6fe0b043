module github.com/acme/legacy
go 1.19
require github.com/Shopify/sarama v1.30.0
require (
)
retract [v1.0.0, v1.0.5]
