package ctl

import (
	"context"

	"k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

func unaliased(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Secrets(v1.NamespaceAll).List(ctx, v1.ListOptions{}) // want "empty ListOptions"
}
