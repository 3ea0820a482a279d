package main

import (
	"github.com/legacy/systemd/daemon"
	core "k8s.example/api/core"
	meta "k8s.example/apimachinery/meta"
)

func main() {
	_ = daemon.Notify
	_ = core.Pod{}
	_ = meta.Object{}
}
