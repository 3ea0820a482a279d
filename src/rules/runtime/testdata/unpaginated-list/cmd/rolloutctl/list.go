// A CLI binary's command (cmd/<name>ctl/): one list per invocation, shown to its user.
package rolloutctl

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

func listNodes(ctx context.Context, c kubernetes.Interface) {
	_, _ = c.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
}
