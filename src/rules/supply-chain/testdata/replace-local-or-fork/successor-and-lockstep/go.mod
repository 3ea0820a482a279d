module example.com/node

go 1.22

require (
	github.com/legacy/systemd v0.0.0-20190321100706-95778dfbb74e
	k8s.example/api v0.30.0
	k8s.example/apimachinery v0.30.0
)

// the same project's module path since its v22: its canonical successor, not a fork
replace github.com/legacy/systemd => github.com/legacy/systemd/v22 v22.5.0

// a downstream distribution replaces every staging module in lockstep: one concern
replace k8s.example/api => github.com/downstream/kubernetes/staging/src/k8s.example/api v0.0.0-20260101000000-abcdefabcdef

replace k8s.example/apimachinery => github.com/downstream/kubernetes/staging/src/k8s.example/apimachinery v0.0.0-20260101000000-abcdefabcdef
