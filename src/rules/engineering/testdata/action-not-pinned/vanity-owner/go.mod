module knative.dev/eventing

go 1.22
