package ctrl

import (
	"time"
	tm "time"

	kinformers "k8s.io/client-go/informers"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	crdinformers "example.com/x/pkg/generated/informers/externalversions"
)

const fastResync = 5 * time.Second
const slowResync = 10 * time.Minute

func factories(c kubernetes.Interface) {
	_ = informers.NewSharedInformerFactory(c, 10*time.Second)         // want "informer resync period 10s"
	_ = informers.NewSharedInformerFactory(c, time.Second*15)         // want "resync period 15s"
	_ = kinformers.NewSharedInformerFactoryWithOptions(c, fastResync) // want "resync period 5s"
	_ = informers.NewFilteredSharedInformerFactory(c, tm.Millisecond*500, "ns", nil) // want "resync period 500ms"
	_ = dynamicinformer.NewDynamicSharedInformerFactory(nil, time.Duration(20)*time.Second) // want "resync period 20s"
	_ = crdinformers.NewSharedInformerFactory(nil, 1*time.Second) // want "resync period 1s"
	_ = coreinformers.NewPodInformer(c, "ns", 15*time.Second, nil) // want "resync period 15s"

	// negatives: off, long, non-constant
	_ = informers.NewSharedInformerFactory(c, 0)
	_ = informers.NewSharedInformerFactory(c, slowResync)
	_ = informers.NewSharedInformerFactory(c, 30*time.Second)
	_ = informers.NewSharedInformerFactory(c, time.Hour)
	_ = informers.NewSharedInformerFactory(c, resyncFromFlag())
	_ = informers.NewSharedInformerFactory(c, *flagResync)
}

var flagResync = new(time.Duration)

func resyncFromFlag() time.Duration { return time.Second }

func caches(lw cache.ListerWatcher) {
	const local = 2 * time.Second
	_ = cache.NewSharedIndexInformer(lw, nil, local, cache.Indexers{}) // want "resync period 2s"
	_, _ = cache.NewInformer(lw, nil, 3*time.Second, nil)                // want "resync period 3s"
	_ = cache.NewSharedIndexInformerWithOptions(lw, nil, cache.SharedIndexInformerOptions{ResyncPeriod: 10 * time.Second}) // want "resync period 10s"
	_ = cache.NewSharedIndexInformer(lw, nil, 0, cache.Indexers{})
	_ = cache.NewSharedIndexInformerWithOptions(lw, nil, cache.SharedIndexInformerOptions{})
}

func shadowed(c kubernetes.Interface) {
	time := fakeTime{}
	_ = informers.NewSharedInformerFactory(c, time.Second)
	_ = time
}

type fakeTime struct{ Second int }

type other struct{}

func (other) NewSharedInformerFactory(c kubernetes.Interface, d time.Duration) {}

func notClientGo(c kubernetes.Interface) {
	var informers other
	informers.NewSharedInformerFactory(c, time.Second)
}

// Handlers that ignore updates: a resync re-delivers objects to no code.
func podsAdded(c kubernetes.Interface, stop <-chan struct{}) {
	f := informers.NewFilteredSharedInformerFactory(c, 5*time.Second, "ns", nil)
	f.Core().V1().Pods().Informer().AddEventHandler(&addedHandler{})
	f.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: func(obj interface{}) {}})
	f.Start(stop)
}

// One handler acts on updates: every resync runs it for every cached object.
func podsUpdated(c kubernetes.Interface, stop <-chan struct{}) {
	f := informers.NewFilteredSharedInformerFactory(c, 5*time.Second, "ns", nil) // want "resync period 5s"
	f.Core().V1().Pods().Informer().AddEventHandler(&addedHandler{})
	f.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{UpdateFunc: func(old, cur interface{}) { resyncFromFlag() }})
	f.Start(stop)
}

type addedHandler struct{ n int }

func (h *addedHandler) OnAdd(obj interface{}, initial bool) { h.n++ }

func (h *addedHandler) OnUpdate(oldObj, newObj interface{}) {
	// nothing to do on updates
}

func (h *addedHandler) OnDelete(obj interface{}) {}
