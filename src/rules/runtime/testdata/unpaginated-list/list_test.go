package ctl

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

func TestList(t *testing.T) {
	var c kubernetes.Interface
	_, _ = c.CoreV1().Pods("").List(context.Background(), metav1.ListOptions{})
}
