package fakeclient

import (
	"time"

	"k8s.io/client-go/informers"
)

func New() informers.SharedInformerFactory {
	return informers.NewSharedInformerFactory(nil, time.Second)
}
