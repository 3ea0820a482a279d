package main

import (
	"net/http"

	ctrl "sigs.k8s.io/controller-runtime"
)

func main() {
	ctx := ctrl.SetupSignalHandler()
	go http.ListenAndServe(":8081", nil)
	<-ctx.Done()
}
