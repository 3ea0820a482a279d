module example.com/node

go 1.22

require (
	collectd.example/collectd v0.4.0
	github.com/legacy/systemd v0.0.0-20190321100706-95778dfbb74e
	github.com/upstream/agent v1.2.0
	github.com/upstream/gopsutil/v3 v3.24.5
	k8s.example/api v0.30.0
	k8s.example/apimachinery v0.30.0
)

// the same project's module path since its v22: its canonical successor, not a fork
replace github.com/legacy/systemd => github.com/legacy/systemd/v22 v22.5.0

// a downstream distribution replaces every staging module in lockstep: one concern
replace k8s.example/api => github.com/downstream/kubernetes/staging/src/k8s.example/api v0.0.0-20260101000000-abcdefabcdef

replace k8s.example/apimachinery => github.com/downstream/kubernetes/staging/src/k8s.example/apimachinery v0.0.0-20260101000000-abcdefabcdef

// a vanity import path replaced by its own project's repository: not a fork
replace collectd.example/collectd => github.com/collectd/go-collectd v0.4.0

// one fork repository providing two modules at different paths and versions: one concern
replace github.com/upstream/agent => github.com/vendorco/agent v1.2.1-0.20260101000000-abcdefabcdef

replace github.com/upstream/gopsutil/v3 => github.com/vendorco/agent/patches/gopsutil/v3 v3.0.0-20260101000000-abcdefabcdef
