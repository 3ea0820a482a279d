package testutil

import "github.com/acme/linked"

// Name is used by the shipped command too, so this package ships whatever its folder is called.
func Name() string { return linked.Name() }
