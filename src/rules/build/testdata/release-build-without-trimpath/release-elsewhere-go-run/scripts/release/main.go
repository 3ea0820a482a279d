package main

// builds the release binaries (go build -trimpath …) and, with -image, the image's binary
func main() {}
