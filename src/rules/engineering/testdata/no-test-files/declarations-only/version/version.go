package version

// Version is set at link time.
var Version = "dev"
