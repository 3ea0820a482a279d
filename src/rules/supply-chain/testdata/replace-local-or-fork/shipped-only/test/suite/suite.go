package suite

import "github.com/upstream/specs/v2"

// Describe registers the acceptance specs.
var _ = specs.Describe("service", func() {})
