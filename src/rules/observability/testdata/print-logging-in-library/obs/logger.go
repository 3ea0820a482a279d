package obs

import "go.uber.org/zap"

var L = zap.NewNop()
