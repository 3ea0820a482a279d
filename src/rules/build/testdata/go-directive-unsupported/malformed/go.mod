module example.com/malformed

go banana

require (
	github.com/google/uuid v1.6.0
