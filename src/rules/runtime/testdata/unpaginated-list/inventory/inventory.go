package inventory

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// Snapshot is called once from main: its list runs once per process.
func Snapshot(ctx context.Context, c kubernetes.Interface) {
	nodes(ctx, c)
}

func nodes(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
}

// Refresh runs in the serving loop: one list per iteration.
func Refresh(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{}) // want "empty ListOptions"
}

// PerRequest runs in an HTTP handler: one list per request.
func PerRequest(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Services("").List(ctx, metav1.ListOptions{}) // want "empty ListOptions"
}

// Lister is passed around as a value: its callers are not visible.
var Lister = listAll

func listAll(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Secrets("").List(ctx, metav1.ListOptions{}) // want "empty ListOptions"
}
