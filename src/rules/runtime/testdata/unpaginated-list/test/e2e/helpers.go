package e2e

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

func AllPods(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
}
