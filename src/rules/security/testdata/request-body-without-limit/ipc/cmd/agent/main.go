package main

import (
	"log"
	"net/http"

	"example.com/ipc/adminapi"
	"example.com/ipc/job"
)

func main() {
	if err := job.Run("/tmp/job.sock"); err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(":8080", adminapi.Handler()))
}
