package main

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

var client kubernetes.Interface

// Once at start-up: the process lists the nodes one time before it starts.
func main() {
	ctx := context.Background()
	_, _ = client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	serve(ctx)
}

func serve(ctx context.Context) {
	_, _ = client.CoreV1().Nodes().List(ctx, metav1.ListOptions{}) // want "empty ListOptions"
}
