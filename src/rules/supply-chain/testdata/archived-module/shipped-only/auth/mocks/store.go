package mocks

import "github.com/golang/mock/gomock"

// Store is a test double of the token store.
type Store struct{ ctrl *gomock.Controller }
