module plugin

go 1.22

// the host module is the folder three levels up: nothing to pin
require example.com/host v0.0.0

replace example.com/host => ../../../
