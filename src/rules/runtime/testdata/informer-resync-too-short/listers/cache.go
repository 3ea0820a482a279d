package listers

import (
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// Informers used only as listers: no file of this module registers an event handler, so a resync
// re-delivers nothing (client-go resyncs toward listeners only).
func Listers(c kubernetes.Interface, stop <-chan struct{}) {
	f := informers.NewSharedInformerFactory(c, 10*time.Second)
	pods := f.Core().V1().Pods().Lister()
	_ = pods
	f.Start(stop)
}

func Index(lw cache.ListerWatcher) cache.SharedIndexInformer {
	return cache.NewSharedIndexInformer(lw, nil, 5*time.Second, cache.Indexers{})
}

// A constructor that takes its handler has a listener from the start.
func Direct(lw cache.ListerWatcher, h cache.ResourceEventHandler) {
	_, _ = cache.NewInformer(lw, nil, 3*time.Second, h) // want "resync period 3s"
}
