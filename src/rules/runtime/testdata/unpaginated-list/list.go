package ctl

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/client-go/kubernetes"
	crclient "sigs.k8s.io/controller-runtime/pkg/client"
)

func all(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{})                            // want "List with empty ListOptions has no Limit"
	_, _ = c.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: "role=worker"}) // want "List with ListOptions\\{LabelSelector\\} has no Limit"
	_, _ = c.AppsV1().Deployments("").List(context.TODO(), metav1.ListOptions{FieldSelector: "spec.nodeName=n1"}) // want "ListOptions\\{FieldSelector\\}"
	_, _ = c.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})                                   // want "empty ListOptions"
}

// One namespace's objects: a dashboard or diagnostics caller needs them whole (blind sample 2026-12-11).
func oneNamespace(ctx context.Context, c kubernetes.Interface, ns string) {
	_, _ = c.AppsV1().ReplicaSets(ns).List(ctx, metav1.ListOptions{})
	_, _ = c.CoreV1().Events("velero").List(ctx, metav1.ListOptions{FieldSelector: "involvedObject.kind=Pod"})
	_, _ = c.DiscoveryV1().EndpointSlices("default").List(ctx, metav1.ListOptions{LabelSelector: "kubernetes.io/service-name=kubernetes"})
}

func fine(ctx context.Context, c kubernetes.Interface, opts metav1.ListOptions, name string) {
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{Limit: 500})
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{ResourceVersion: "0"})
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{Limit: 500, Continue: "tok"})
	_, _ = c.CoreV1().Pods("").List(ctx, opts)
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{FieldSelector: "metadata.name=x"})
	_, _ = c.CoreV1().Pods("").List(ctx, metav1.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", name).String()})
	_, _ = c.CoreV1().Pods("").Watch(ctx, metav1.ListOptions{})
	_, _ = c.CoreV1().Namespaces().List(ctx, metav1.ListOptions{LabelSelector: "team=a"})
	_, _ = c.NetworkingV1().IngressClasses().List(ctx, metav1.ListOptions{})
}

type cr struct{ c crclient.Client }

func (x cr) list(ctx context.Context, l crclient.ObjectList) {
	_ = x.c.List(ctx, l, crclient.InNamespace("ns"))
}

type ListOptions struct{}

type store struct{}

func (store) List(ctx context.Context, o ListOptions) {}

func local(ctx context.Context) {
	var s store
	s.List(ctx, ListOptions{})
}

func shadow(ctx context.Context, c kubernetes.Interface) {
	metav1 := struct{ ListOptions metav1.ListOptions }{}
	_ = metav1
}
