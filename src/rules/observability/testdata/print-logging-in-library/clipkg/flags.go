package clipkg

import "flag"

var Verbose = flag.Bool("v", false, "verbose")
