package main

import (
	"collectd.example/collectd/api"
	"github.com/upstream/agent/plugins"
	"github.com/upstream/gopsutil/v3/cpu"
	"github.com/legacy/systemd/daemon"
	core "k8s.example/api/core"
	meta "k8s.example/apimachinery/meta"
)

func main() {
	_ = api.Value{}
	_ = plugins.All
	_ = cpu.Info
	_ = daemon.Notify
	_ = core.Pod{}
	_ = meta.Object{}
}
