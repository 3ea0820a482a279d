package cmd

import "testing"

func TestFetch(t *testing.T) {
	fetchForTests("http://localhost")
}
