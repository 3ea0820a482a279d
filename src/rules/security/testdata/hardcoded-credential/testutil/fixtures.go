package testutil

// Test-support package: fixtures are not production secrets.
const Password = "s3cR3t-Pr0d-9f8a7c"

var AccessKeyID = "AKIAZ7Q2LMNB4XK9RT3V"
