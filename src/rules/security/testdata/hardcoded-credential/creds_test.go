package creds

import "testing"

func TestLogin(t *testing.T) {
	password := "s3cR3t-Pr0d-9f8a7c"
	awsID := "AKIAZ7Q2LMNB4XK9RT3V"
	_, _ = password, awsID
}
