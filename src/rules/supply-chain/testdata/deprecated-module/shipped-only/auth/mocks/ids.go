package mocks

import uuid "github.com/satori/go.uuid"

// NewID returns a random ID for the test doubles.
func NewID() string { return uuid.NewV4().String() }
