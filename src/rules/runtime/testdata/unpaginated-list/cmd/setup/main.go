package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"example.com/x/inventory"
)

var client kubernetes.Interface

// Once at start-up: the process lists the nodes one time before it starts.
func main() {
	ctx := context.Background()
	_, _ = client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	// called once, before serving: the lists inside run once per process
	inventory.Snapshot(ctx, client)
	http.HandleFunc("/nodes", func(w http.ResponseWriter, r *http.Request) {
		_, _ = client.CoreV1().Nodes().List(r.Context(), metav1.ListOptions{}) // want "empty ListOptions"
		inventory.PerRequest(r.Context(), client)
	})
	go dumpOnSignal(ctx)
	serve(ctx)
}

// A loop serving forever: each iteration lists again.
func serve(ctx context.Context) {
	for {
		_, _ = client.CoreV1().Nodes().List(ctx, metav1.ListOptions{}) // want "empty ListOptions"
		inventory.Refresh(ctx, client)
		time.Sleep(time.Minute)
	}
}

// The operator asks for a diagnostic dump with SIGUSR1: once per signal.
func dumpOnSignal(ctx context.Context) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR1, syscall.SIGTERM)
	for sig := range sigs {
		switch sig {
		case syscall.SIGUSR1:
			dump(ctx)
		case syscall.SIGTERM:
			return
		}
	}
}

func dump(ctx context.Context) {
	_, _ = client.DiscoveryV1().EndpointSlices("").List(ctx, metav1.ListOptions{})
}
