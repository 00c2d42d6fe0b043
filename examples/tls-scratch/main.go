// Fetches a JSON document over HTTPS: in an image without CA certificates every request fails with
// "tls: failed to verify certificate: x509: certificate signed by unknown authority".
package main

import (
	"io"
	"log"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get("https://api.github.com/zen")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(os.Stdout, resp.Body)
}
