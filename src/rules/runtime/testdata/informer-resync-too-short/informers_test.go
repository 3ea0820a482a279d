package ctrl

import (
	"testing"
	"time"

	"k8s.io/client-go/informers"
)

func TestFast(t *testing.T) {
	_ = informers.NewSharedInformerFactory(nil, time.Second)
}
