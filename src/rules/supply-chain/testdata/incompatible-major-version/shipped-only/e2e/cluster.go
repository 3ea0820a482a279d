package e2e

import (
	"github.com/acme/assert"
	"github.com/acme/dockerclient"
)

// StartCluster starts the end-to-end test cluster.
func StartCluster() error {
	c := dockerclient.New()
	assert.NotNil(c)
	return c.Run("kind")
}
