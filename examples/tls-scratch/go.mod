module example.com/tls-scratch

go 1.24
